package io.github.jwtstarter.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Keeps the servlet container's error dispatches away from the routes of Spring Cloud
 * Gateway Server Web MVC. A chain that rejects a request with {@code response.sendError}
 * (HTTP Basic's entry point, an access-denied handler, a firewall) makes the container
 * dispatch the request again to {@code /error}; the gateway's routes are a
 * {@code RouterFunctionMapping}, which Spring MVC asks before annotated controllers, so a
 * route matching {@code /error} (a catch-all {@code Path=/**}) would proxy the rejected
 * request upstream, with its credentials, and the client would see the upstream's answer
 * instead of the 401. This mapping, first of all, hands error dispatches to the annotated
 * controllers ({@code BasicErrorController}) when one maps them; every other request goes
 * on to the routes untouched.
 */
final class GatewayMvcErrorDispatches implements HandlerMapping, Ordered {

	private static final String ANNOTATED_MAPPING = "requestMappingHandlerMapping";

	private final BeanFactory beanFactory;

	private volatile @Nullable HandlerMapping annotated;

	GatewayMvcErrorDispatches(BeanFactory beanFactory) {
		Assert.notNull(beanFactory, "beanFactory cannot be null");
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return null;
		}
		HandlerMapping annotated = annotated();
		return (annotated != null) ? annotated.getHandler(request) : null;
	}

	private @Nullable HandlerMapping annotated() {
		HandlerMapping annotated = this.annotated;
		if (annotated == null && this.beanFactory.containsBean(ANNOTATED_MAPPING)) {
			annotated = this.beanFactory.getBean(ANNOTATED_MAPPING, HandlerMapping.class);
			this.annotated = annotated;
		}
		return annotated;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
