package io.github.jwtstarter.autoconfigure;

import java.util.Set;

import io.github.jwtstarter.gateway.JwtGatewayArguments;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.server.mvc.config.FilterProperties;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.config.PredicateProperties;
import org.springframework.cloud.gateway.server.mvc.config.RouteProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Checks the JWT predicates and filters of the gateway's YAML routes
 * ({@code spring.cloud.gateway.server.webmvc.routes} and {@code routes-map}) once, before
 * the gateway builds them: argument counts, regexes, {@code claim:header} mappings and
 * provider ids. The message names the route's property path, its id and the fix.
 */
final class GatewayMvcRoutesValidator {

	private GatewayMvcRoutesValidator() {
	}

	static void validate(Environment environment, Set<String> providerIds) {
		GatewayMvcProperties gateway = Binder.get(environment)
			.bindOrCreate(GatewayMvcProperties.PREFIX, GatewayMvcProperties.class);
		for (int i = 0; i < gateway.getRoutes().size(); i++) {
			RouteProperties route = gateway.getRoutes().get(i);
			validate(describe(GatewayMvcProperties.PREFIX + ".routes[" + i + "]", route.getId()), route, providerIds);
		}
		gateway.getRoutesMap()
			.forEach((key, route) -> validate(describe(GatewayMvcProperties.PREFIX + ".routes-map." + key,
					StringUtils.hasText(route.getId()) ? route.getId() : key), route, providerIds));
	}

	private static void validate(String description, RouteProperties route, Set<String> providerIds) {
		for (int i = 0; i < route.getPredicates().size(); i++) {
			PredicateProperties predicate = route.getPredicates().get(i);
			JwtGatewayArguments.checkPredicate(description + " predicates[" + i + "]", predicate.getName(),
					predicate.getArgs(), providerIds);
		}
		for (int i = 0; i < route.getFilters().size(); i++) {
			FilterProperties filter = route.getFilters().get(i);
			JwtGatewayArguments.checkFilter(description + " filters[" + i + "]", filter.getName(), filter.getArgs());
		}
	}

	private static String describe(String path, @Nullable String id) {
		return "Gateway route " + path + ((id != null) ? " (id '" + id + "')" : "");
	}

}
