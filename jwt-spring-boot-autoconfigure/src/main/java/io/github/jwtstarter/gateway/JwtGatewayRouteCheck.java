package io.github.jwtstarter.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Checks the JWT predicates and filters of one gateway route as configured (YAML or
 * properties), the same way for both gateway flavours: argument counts, regexes,
 * {@code claim:header} mappings and provider ids. A failure names the route's property
 * path, its id and the fix. Each flavour adapts its own route model.
 */
public final class JwtGatewayRouteCheck {

	private final Set<String> providerIds;

	/**
	 * Creates the check.
	 * @param providerIds the configured provider ids, for {@code JwtProvider}
	 */
	public JwtGatewayRouteCheck(Set<String> providerIds) {
		Assert.notNull(providerIds, "providerIds cannot be null");
		this.providerIds = Set.copyOf(providerIds);
	}

	/**
	 * Checks one route.
	 * @param path the route's property path, e.g.
	 * {@code spring.cloud.gateway.server.webmvc.routes[0]}
	 * @param id the route's id, if it has one
	 * @param predicates the route's predicates, in order
	 * @param filters the route's filters, in order
	 * @throws IllegalArgumentException when a JWT predicate or filter is wrong
	 */
	public void check(String path, @Nullable String id, List<Step> predicates, List<Step> filters) {
		String route = "Gateway route " + path + ((id != null) ? " (id '" + id + "')" : "");
		for (int i = 0; i < predicates.size(); i++) {
			Step predicate = predicates.get(i);
			JwtGatewayArguments.checkPredicate(route + " predicates[" + i + "]", predicate.name(), predicate.args(),
					this.providerIds);
		}
		for (int i = 0; i < filters.size(); i++) {
			Step filter = filters.get(i);
			JwtGatewayArguments.checkFilter(route + " filters[" + i + "]", filter.name(), filter.args());
		}
	}

	/**
	 * A predicate or a filter of a route, as configured.
	 *
	 * @param name its name, e.g. {@code JwtClaim}
	 * @param args its arguments
	 */
	public record Step(@Nullable String name, Map<String, ?> args) {

	}

}
