package io.github.jwtstarter.autoconfigure;

import java.util.List;
import java.util.Set;

import io.github.jwtstarter.gateway.JwtGatewayArguments;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.Environment;

/**
 * Checks the JWT predicates and filters of the WebFlux gateway's YAML routes
 * ({@code spring.cloud.gateway.server.webflux.routes}) once, before the gateway builds
 * them, with the same checks and messages as on Server Web MVC: argument counts, regexes,
 * {@code claim:header} mappings and provider ids. Created as a bean that the JWT
 * predicate and filter factories depend on.
 */
final class GatewayWebFluxRoutesValidator {

	private static final String ROUTES = GatewayProperties.PREFIX + ".routes";

	GatewayWebFluxRoutesValidator(Environment environment, Set<String> providerIds) {
		List<RouteDefinition> routes = Binder.get(environment)
			.bind(ROUTES, Bindable.listOf(RouteDefinition.class))
			.orElse(List.of());
		for (int i = 0; i < routes.size(); i++) {
			validate(describe(ROUTES + "[" + i + "]", routes.get(i).getId()), routes.get(i), providerIds);
		}
	}

	private static void validate(String description, RouteDefinition route, Set<String> providerIds) {
		for (int i = 0; i < route.getPredicates().size(); i++) {
			PredicateDefinition predicate = route.getPredicates().get(i);
			JwtGatewayArguments.checkPredicate(description + " predicates[" + i + "]", predicate.getName(),
					predicate.getArgs(), providerIds);
		}
		for (int i = 0; i < route.getFilters().size(); i++) {
			FilterDefinition filter = route.getFilters().get(i);
			JwtGatewayArguments.checkFilter(description + " filters[" + i + "]", filter.getName(), filter.getArgs());
		}
	}

	private static String describe(String path, @Nullable String id) {
		return "Gateway route " + path + ((id != null) ? " (id '" + id + "')" : "");
	}

}
