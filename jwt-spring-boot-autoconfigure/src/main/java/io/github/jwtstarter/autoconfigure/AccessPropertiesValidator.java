package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.jwt.IssuerTemplate;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;

import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.web.util.pattern.PathPatternParser;

import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.claimPath;
import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.invalid;
import static io.github.jwtstarter.autoconfigure.JwtPropertiesValidator.template;

/**
 * Checks the access properties of {@link JwtProperties} at startup: routes (their path
 * patterns, providers and requirement sets) and RBAC policies (their patterns,
 * principals, claim conditions and tenants). Part of {@link JwtPropertiesValidator}; each
 * failure names the full property path and the fix.
 */
final class AccessPropertiesValidator {

	private AccessPropertiesValidator() {
	}

	static void validate(JwtProperties properties) {
		Set<String> ids = properties.getProviders().keySet();
		List<JwtProperties.Route> routes = properties.getRoutes();
		for (int i = 0; i < routes.size(); i++) {
			String name = "jwt.routes[" + i + "]";
			patterns(name + ".paths", routes.get(i).getPaths());
			knownProviders(name + ".providers", routes.get(i).getProviders(), ids);
			validateAllOf(name, routes.get(i), properties);
		}
		properties.getRbac().getPolicies().forEach((policyName, policy) -> {
			String name = "jwt.rbac.policies." + policyName;
			patterns(name + ".permissions.paths", policy.getPermissions().getPaths());
			patterns(name + ".permissions.not-paths", policy.getPermissions().getNotPaths());
			List<JwtProperties.Principal> principals = policy.getPrincipals();
			for (int i = 0; i < principals.size(); i++) {
				validatePrincipal(name + ".principals[" + i + "]", principals.get(i), ids);
				validatePrincipalTenant(name + ".principals[" + i + "]", principals.get(i), properties.getProviders());
			}
		});
	}

	private static void validatePrincipal(String name, JwtProperties.Principal principal, Set<String> ids) {
		if (principal.getProvider() != null && !ids.contains(principal.getProvider())) {
			throw invalid(name + ".provider", principal.getProvider(), unknownProvider(ids));
		}
		if (principal.getClaims().isEmpty() && principal.getNotClaims().isEmpty() && principal.getProvider() == null
				&& principal.getTenant() == null) {
			throw invalid(name, null, "a principal needs a provider or at least one claim to match; set " + name
					+ ".provider (any token of that provider), " + name + ".claims or " + name + ".not-claims");
		}
		claimConditions(name + ".claims", principal.getMatcher(), principal.getClaims());
		claimConditions(name + ".not-claims", principal.getMatcher(), principal.getNotClaims());
	}

	private static void claimConditions(String name, ClaimComparison comparison, Map<String, String> claims) {
		claims.forEach((claim, value) -> {
			claimPath(name, claim);
			try {
				ClaimCondition.of(claim, comparison, value);
			}
			catch (PatternSyntaxException ex) {
				throw invalid(name + "." + claim, value, "not a valid regular expression: " + ex.getDescription());
			}
			catch (IllegalArgumentException ex) {
				throw invalid(name + "." + claim, value, ex.getMessage());
			}
		});
	}

	/**
	 * Fails when a principal names a tenant that no provider it may match can have.
	 */
	private static void validatePrincipalTenant(String name, JwtProperties.Principal principal,
			Map<String, JwtProperties.Provider> providers) {
		String tenant = principal.getTenant();
		if (tenant == null) {
			return;
		}
		List<IssuerTemplate> candidates = new ArrayList<>();
		providers.forEach((id, provider) -> {
			if ((principal.getProvider() == null || principal.getProvider().equals(id))
					&& IssuerTemplate.isTemplate(provider.getIssuer())) {
				candidates.add(template(provider));
			}
		});
		if (candidates.stream().anyMatch((template) -> template.accepts(tenant))) {
			return;
		}
		String which = (principal.getProvider() != null) ? "provider '" + principal.getProvider() + "'"
				: "any provider";
		throw invalid(name + ".tenant", tenant, candidates.isEmpty()
				? "no multi-tenant provider (an issuer with " + IssuerTemplate.PLACEHOLDER + ") matches " + which
						+ "; name the provider whose issuer has " + IssuerTemplate.PLACEHOLDER + " or remove the tenant"
				: "is not a tenant that " + which + " accepts (see its tenants and tenant-pattern); fix the tenant");
	}

	private static void patterns(String name, List<String> patterns) {
		for (String pattern : patterns) {
			try {
				PathPatternParser.defaultInstance.parse(pattern);
			}
			catch (RuntimeException ex) {
				throw invalid(name, pattern, "not a valid path pattern (PathPattern syntax, e.g. /api/**)");
			}
		}
	}

	/**
	 * A requirement set names at least two known providers, once each, instead of
	 * {@code providers}, and each of them reads its token from its own locations: a
	 * location two of them share would hand both the same token.
	 */
	private static void validateAllOf(String route, JwtProperties.Route properties, JwtProperties jwt) {
		List<String> allOf = properties.getAllOf();
		if (allOf.isEmpty()) {
			return;
		}
		String name = route + ".all-of";
		if (!properties.getProviders().isEmpty()) {
			throw new MutuallyExclusiveConfigurationPropertiesException(Set.of(name, route + ".providers"),
					Set.of(name, route + ".providers"));
		}
		knownProviders(name, allOf, jwt.getProviders().keySet());
		if (allOf.size() < 2) {
			throw invalid(name, allOf, "a requirement set lists at least two providers; "
					+ "to accept the tokens of one provider only, use " + route + ".providers");
		}
		if (Set.copyOf(allOf).size() != allOf.size()) {
			throw invalid(name, allOf, "lists a provider more than once; list each provider once");
		}
		Map<String, Set<TokenLocation>> locations = AccessPropertiesMapper.tokenLocations(jwt);
		Map<String, String> readers = new HashMap<>();
		for (String id : allOf) {
			for (TokenLocation location : TokenResolver.requirementSetLocations(locations.get(id))) {
				String key = location.kind() + ":" + ((location.kind() == TokenLocation.Kind.HEADER)
						? location.name().toLowerCase(Locale.ROOT) : location.name());
				String other = readers.putIfAbsent(key, id);
				if (other != null && !other.equals(id)) {
					throw invalid(name, allOf,
							"providers '" + other + "' and '" + id + "' both read tokens from "
									+ location.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '"
									+ location.name() + "'; give each provider of a requirement set its own "
									+ "jwt.providers.<id>.token-source");
				}
			}
		}
	}

	private static void knownProviders(String name, List<String> providers, Set<String> ids) {
		for (String provider : providers) {
			if (!ids.contains(provider)) {
				throw invalid(name, provider, unknownProvider(ids));
			}
		}
	}

	private static String unknownProvider(Set<String> ids) {
		return "no provider has this id; use one of " + ids + " (the keys under jwt.providers)";
	}

}
