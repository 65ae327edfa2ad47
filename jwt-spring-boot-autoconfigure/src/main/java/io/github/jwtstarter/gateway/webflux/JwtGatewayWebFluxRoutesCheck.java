package io.github.jwtstarter.gateway.webflux;

import java.util.List;
import java.util.Set;

import io.github.jwtstarter.gateway.JwtGatewayRouteCheck;
import io.github.jwtstarter.gateway.JwtGatewayRouteCheck.Step;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Checks the JWT predicates and filters of the Server WebFlux gateway's configured routes
 * ({@code spring.cloud.gateway.server.webflux.routes}) once, before any bean is created,
 * with the same checks and messages as on Server Web MVC, so that a wrong argument fails
 * startup naming the route rather than when the gateway builds it.
 */
public final class JwtGatewayWebFluxRoutesCheck implements BeanFactoryPostProcessor {

	private static final String ROUTES = GatewayProperties.PREFIX + ".routes";

	private final Environment environment;

	private final JwtGatewayRouteCheck check;

	/**
	 * Creates the check.
	 * @param environment where the routes are configured
	 * @param providerIds the configured provider ids
	 */
	public JwtGatewayWebFluxRoutesCheck(Environment environment, Set<String> providerIds) {
		Assert.notNull(environment, "environment cannot be null");
		this.environment = environment;
		this.check = new JwtGatewayRouteCheck(providerIds);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<RouteDefinition> routes = Binder.get(this.environment)
			.bind(ROUTES, Bindable.listOf(RouteDefinition.class))
			.orElse(List.of());
		for (int i = 0; i < routes.size(); i++) {
			RouteDefinition route = routes.get(i);
			List<Step> predicates = route.getPredicates()
				.stream()
				.map((predicate) -> new Step(predicate.getName(), predicate.getArgs()))
				.toList();
			List<Step> filters = route.getFilters()
				.stream()
				.map((filter) -> new Step(filter.getName(), filter.getArgs()))
				.toList();
			this.check.check(ROUTES + "[" + i + "]", route.getId(), predicates, filters);
		}
	}

}
