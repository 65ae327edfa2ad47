package io.github.jwtstarter.gateway.mvc;

import java.util.List;
import java.util.Set;

import io.github.jwtstarter.gateway.JwtGatewayRouteCheck;
import io.github.jwtstarter.gateway.JwtGatewayRouteCheck.Step;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.config.RouteProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Checks the JWT predicates and filters of the Server Web MVC gateway's configured routes
 * ({@code spring.cloud.gateway.server.webmvc.routes} and {@code routes-map}) once, before
 * any bean is created, so that a wrong argument fails startup naming the route rather
 * than when the gateway builds it.
 */
public final class JwtGatewayMvcRoutesCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	private final JwtGatewayRouteCheck check;

	/**
	 * Creates the check.
	 * @param environment where the routes are configured
	 * @param providerIds the configured provider ids
	 */
	public JwtGatewayMvcRoutesCheck(Environment environment, Set<String> providerIds) {
		Assert.notNull(environment, "environment cannot be null");
		this.environment = environment;
		this.check = new JwtGatewayRouteCheck(providerIds);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		GatewayMvcProperties gateway = Binder.get(this.environment)
			.bindOrCreate(GatewayMvcProperties.PREFIX, GatewayMvcProperties.class);
		for (int i = 0; i < gateway.getRoutes().size(); i++) {
			RouteProperties route = gateway.getRoutes().get(i);
			check(GatewayMvcProperties.PREFIX + ".routes[" + i + "]", route.getId(), route);
		}
		gateway.getRoutesMap()
			.forEach((key, route) -> check(GatewayMvcProperties.PREFIX + ".routes-map." + key,
					StringUtils.hasText(route.getId()) ? route.getId() : key, route));
	}

	private void check(String path, String id, RouteProperties route) {
		List<Step> predicates = route.getPredicates()
			.stream()
			.map((predicate) -> new Step(predicate.getName(), predicate.getArgs()))
			.toList();
		List<Step> filters = route.getFilters()
			.stream()
			.map((filter) -> new Step(filter.getName(), filter.getArgs()))
			.toList();
		this.check.check(path, id, predicates, filters);
	}

}
