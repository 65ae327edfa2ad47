package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.authorization.ClaimMatcher;
import io.github.jwtstarter.authorization.ClaimMatchers;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.authorization.RbacPrincipal;
import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.shaping.ClaimHeader;
import io.github.jwtstarter.shaping.ProviderShaping;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenLocation;

/**
 * Maps the access properties of {@link JwtProperties} to the web layer's model: each
 * provider's token locations, the request shaping, the routes and the RBAC policies. The
 * counterpart of {@link AccessPropertiesValidator}; the providers themselves are
 * {@link JwtPropertiesMapper}'s.
 */
final class AccessPropertiesMapper {

	private AccessPropertiesMapper() {
	}

	static Map<String, Set<TokenLocation>> tokenLocations(JwtProperties properties) {
		Map<String, Set<TokenLocation>> locations = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			JwtProperties.TokenSource source = provider.getTokenSource();
			Set<TokenLocation> provided = new LinkedHashSet<>();
			source.getHeaders()
				.forEach((header) -> provided.add(TokenLocation.header(header.getName(),
						(header.getPrefix() != null) ? header.getPrefix() : "")));
			source.getQueryParams().forEach((param) -> provided.add(TokenLocation.queryParam(param)));
			source.getCookies().forEach((cookie) -> provided.add(TokenLocation.cookie(cookie)));
			if (source.getHeaders().isEmpty()) {
				provided.add(TokenLocation.bearerHeader());
			}
			if (provider.getSenderConstraint().getDpop() != DPoPMode.DISABLED) {
				provided.add(TokenLocation.dpopHeader());
			}
			locations.put(id, provided);
		});
		return locations;
	}

	static RequestShaping requestShaping(JwtProperties properties) {
		Map<String, ProviderShaping> shaping = new LinkedHashMap<>();
		properties.getProviders()
			.forEach((id, provider) -> shaping.put(id,
					new ProviderShaping(
							provider.getClaimsToHeaders()
								.stream()
								.map((header) -> new ClaimHeader(header.getClaim(), header.getHeader(),
										header.isAppend()))
								.toList(),
							provider.isKeepToken(), provider.getForwardPayloadHeader(), provider.getTenantHeader())));
		return new RequestShaping(shaping);
	}

	static JwtRoutes routes(JwtProperties properties) {
		List<JwtRoute> routes = new ArrayList<>();
		for (JwtProperties.Route route : properties.getRoutes()) {
			routes.add(new JwtRoute(route.getPaths(), Set.copyOf(route.getMethods()),
					(route.getValidationPolicy() != null) ? route.getValidationPolicy()
							: properties.getValidationPolicy(),
					Set.copyOf(route.getProviders()), route.isDisabled(), route.getAllOf()));
		}
		return new JwtRoutes(routes, JwtRoute.defaults(properties.getValidationPolicy()));
	}

	static List<RbacPolicy> rbacPolicies(JwtProperties properties) {
		List<RbacPolicy> policies = new ArrayList<>();
		properties.getRbac().getPolicies().forEach((name, policy) -> {
			List<RbacPrincipal> principals = new ArrayList<>();
			for (JwtProperties.Principal principal : policy.getPrincipals()) {
				principals.add(new RbacPrincipal(principal.getProvider(), principal.getTenant(),
						claimMatchers(principal.getMatcher(), principal.getClaims()),
						claimMatchers(principal.getMatcher(), principal.getNotClaims())));
			}
			JwtProperties.Permissions permissions = policy.getPermissions();
			policies.add(new RbacPolicy(name, policy.getAction(), permissions.getPaths(),
					Set.copyOf(permissions.getMethods()), permissions.getNotPaths(),
					Set.copyOf(permissions.getNotMethods()), principals));
		});
		return policies;
	}

	private static List<ClaimMatcher> claimMatchers(ClaimComparison comparison, Map<String, String> claims) {
		List<ClaimMatcher> matchers = new ArrayList<>();
		claims.forEach((path, value) -> matchers.add(ClaimMatchers.of(ClaimCondition.of(path, comparison, value))));
		return matchers;
	}

}
