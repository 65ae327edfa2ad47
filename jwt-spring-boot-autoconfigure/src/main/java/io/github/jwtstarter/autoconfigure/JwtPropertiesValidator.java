package io.github.jwtstarter.autoconfigure;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.ProviderKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Checks {@link JwtProperties} at startup. Each failure names the full property path
 * and the fix, through Boot's own exceptions (and so Boot's failure analyzers).
 */
final class JwtPropertiesValidator {

	private static final String ALGORITHM_NAMES = names(ProviderKeys.SUPPORTED_ALGORITHMS.stream()
		.map(JWSAlgorithm::getName)
		.toList());

	private JwtPropertiesValidator() {
	}

	static void validate(JwtProperties properties) {
		Map<String, String> issuers = new HashMap<>();
		properties.getProviders().forEach((id, provider) -> validateProvider(id, provider, issuers));
		positive("jwt.max-token-size", properties.getMaxTokenSize().toBytes());
		positive("jwt.cache.max-size", properties.getCache().getMaxSize());
		Set<String> ids = properties.getProviders().keySet();
		List<JwtProperties.Route> routes = properties.getRoutes();
		for (int i = 0; i < routes.size(); i++) {
			String name = "jwt.routes[" + i + "]";
			patterns(name + ".paths", routes.get(i).getPaths());
			knownProviders(name + ".providers", routes.get(i).getProviders(), ids);
		}
		properties.getRbac().getPolicies().forEach((policyName, policy) -> {
			String name = "jwt.rbac.policies." + policyName;
			patterns(name + ".permissions.paths", policy.getPermissions().getPaths());
			List<JwtProperties.Principal> principals = policy.getPrincipals();
			for (int i = 0; i < principals.size(); i++) {
				validatePrincipal(name + ".principals[" + i + "]", principals.get(i), ids);
			}
		});
	}

	private static void validateProvider(String id, JwtProperties.Provider provider, Map<String, String> issuers) {
		String name = "jwt.providers." + id;
		String issuer = provider.getIssuer();
		if (!StringUtils.hasText(issuer)) {
			throw invalid(name + ".issuer", issuer,
					"every provider needs an issuer; set it to the exact 'iss' claim of this provider's tokens");
		}
		String previous = issuers.put(issuer, id);
		if (previous != null) {
			throw invalid(name + ".issuer", issuer, "the same issuer is configured for provider '" + previous
					+ "'; each issuer must belong to exactly one provider");
		}
		JwtProperties.Jwks jwks = provider.getJwks();
		Set<String> sources = new LinkedHashSet<>();
		addIfSet(sources, name + ".jwks.uri", jwks.getUri());
		addIfSet(sources, name + ".jwks.local", jwks.getLocal());
		if (jwks.getLocation() != null) {
			sources.add(name + ".jwks.location");
		}
		if (sources.size() > 1) {
			throw new MutuallyExclusiveConfigurationPropertiesException(sources,
					Set.of(name + ".jwks.uri", name + ".jwks.local", name + ".jwks.location"));
		}
		if (sources.isEmpty() && !isHttpUrl(issuer)) {
			throw invalid(name + ".issuer", issuer, "keys are discovered from the issuer only when it is an http(s) "
					+ "URL; set " + name + ".jwks.uri, .jwks.local or .jwks.location");
		}
		if (jwks.getUri() != null && !isHttpUrl(jwks.getUri())) {
			throw invalid(name + ".jwks.uri", jwks.getUri(), "must be an http(s) URL of a JWK Set");
		}
		for (String algorithm : provider.getAlgorithms()) {
			if (!ProviderKeys.SUPPORTED_ALGORITHMS.contains(JWSAlgorithm.parse(algorithm))) {
				throw invalid(name + ".algorithms", algorithm,
						"unknown or unsupported JWS algorithm; use " + ALGORITHM_NAMES);
			}
		}
		if (provider.getClockSkew().isNegative()) {
			throw invalid(name + ".clock-skew", provider.getClockSkew(), "must not be negative");
		}
		if (provider.getMaxLifetime() != null
				&& (provider.getMaxLifetime().isNegative() || provider.getMaxLifetime().isZero())) {
			throw invalid(name + ".max-lifetime", provider.getMaxLifetime(), "must be positive, or unset");
		}
		if (!StringUtils.hasText(provider.getPrincipalClaim())) {
			throw invalid(name + ".principal-claim", provider.getPrincipalClaim(), "must name a claim, e.g. sub");
		}
		claimPath(name + ".principal-claim", provider.getPrincipalClaim());
		JwtPropertiesMapper.requiredClaims(provider).keySet().forEach((path) -> claimPath(name + ".required-claims", path));
		validateRemote(name + ".jwks", jwks);
		validateAccess(name, provider, sources);
		for (int i = 0; i < provider.getAuthorities().size(); i++) {
			if (!StringUtils.hasText(provider.getAuthorities().get(i).getClaim())) {
				throw invalid(name + ".authorities[" + i + "].claim", null, "must name a claim, e.g. scope");
			}
			claimPath(name + ".authorities[" + i + "].claim", provider.getAuthorities().get(i).getClaim());
		}
		List<JwtProperties.ClaimToHeader> claimsToHeaders = provider.getClaimsToHeaders();
		for (int i = 0; i < claimsToHeaders.size(); i++) {
			if (!StringUtils.hasText(claimsToHeaders.get(i).getClaim())) {
				throw invalid(name + ".claims-to-headers[" + i + "].claim", null, "must name a claim, e.g. org");
			}
			claimPath(name + ".claims-to-headers[" + i + "].claim", claimsToHeaders.get(i).getClaim());
			if (!StringUtils.hasText(claimsToHeaders.get(i).getHeader())) {
				throw invalid(name + ".claims-to-headers[" + i + "].header", null,
						"must name a header, e.g. x-company");
			}
			if (!isHeaderName(claimsToHeaders.get(i).getHeader())) {
				throw invalid(name + ".claims-to-headers[" + i + "].header", claimsToHeaders.get(i).getHeader(),
						"not a valid HTTP header name; use letters, digits and - (e.g. x-company)");
			}
		}
		JwtProperties.SenderConstraint senderConstraint = provider.getSenderConstraint();
		positive(name + ".sender-constraint.dpop-proof-max-age", senderConstraint.getDpopProofMaxAge().toMillis());
		positive(name + ".sender-constraint.dpop-replay-cache-size", senderConstraint.getDpopReplayCacheSize());
		validateReplay(name + ".sender-constraint", senderConstraint);
		List<JwtProperties.HeaderSource> headers = provider.getTokenSource().getHeaders();
		for (int i = 0; i < headers.size(); i++) {
			if (!StringUtils.hasText(headers.get(i).getName())) {
				throw invalid(name + ".token-source.headers[" + i + "].name", headers.get(i).getName(),
						"must name a header, e.g. Authorization");
			}
		}
	}

	private static void validateReplay(String name, JwtProperties.SenderConstraint senderConstraint) {
		Long quota = senderConstraint.getDpopReplayQuotaPerKey();
		if (quota != null) {
			positive(name + ".dpop-replay-quota-per-key", quota);
			if (quota > senderConstraint.getDpopReplayCacheSize()) {
				throw invalid(name + ".dpop-replay-quota-per-key", quota,
						"must not exceed " + name + ".dpop-replay-cache-size ("
								+ senderConstraint.getDpopReplayCacheSize()
								+ "): one client key would fill the replay cache for every other; lower it");
			}
		}
		if (!StringUtils.hasText(senderConstraint.getReplayStoreKeyPrefix())) {
			throw invalid(name + ".replay-store-key-prefix", senderConstraint.getReplayStoreKeyPrefix(),
					"must not be empty, e.g. jwt:dpop:");
		}
		positive(name + ".replay-store-timeout", senderConstraint.getReplayStoreTimeout().toMillis());
		List<String> origins = senderConstraint.getPublicOrigins();
		for (int i = 0; i < origins.size(); i++) {
			if (!isOrigin(origins.get(i))) {
				throw invalid(name + ".public-origins[" + i + "]", origins.get(i),
						"must be an http(s) origin without path, query or user info, e.g. https://api.example.com");
			}
		}
	}

	private static boolean isOrigin(@Nullable String value) {
		if (value == null || !isHttpUrl(value)) {
			return false;
		}
		URI uri = URI.create(value);
		String path = uri.getRawPath();
		return uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
				&& uri.getRawFragment() == null && (path == null || path.isEmpty() || "/".equals(path));
	}

	private static void validateRemote(String name, JwtProperties.Jwks jwks) {
		positive(name + ".cache-duration", jwks.getCacheDuration().toMillis());
		positive(name + ".connect-timeout", jwks.getConnectTimeout().toMillis());
		positive(name + ".read-timeout", jwks.getReadTimeout().toMillis());
		positive(name + ".max-size", jwks.getMaxSize().toBytes());
		if (jwks.getMinRefreshInterval().isNegative()) {
			throw invalid(name + ".min-refresh-interval", jwks.getMinRefreshInterval(), "must not be negative");
		}
		if (jwks.getOutageTolerance().isNegative()) {
			throw invalid(name + ".outage-tolerance", jwks.getOutageTolerance(), "must not be negative");
		}
		if (jwks.getMinRefreshInterval().compareTo(jwks.getCacheDuration()) >= 0) {
			throw invalid(name + ".min-refresh-interval", jwks.getMinRefreshInterval(),
					"must be shorter than " + name + ".cache-duration (" + jwks.getCacheDuration() + ")");
		}
		if (jwks.getConnectTimeout().plus(jwks.getReadTimeout()).compareTo(jwks.getCacheDuration()) >= 0) {
			throw invalid(name + ".cache-duration", jwks.getCacheDuration(),
					"must be longer than connect-timeout plus read-timeout");
		}
	}

	private static void validateAccess(String name, JwtProperties.Provider provider, Set<String> keySources) {
		JwtProperties.Jwks jwks = provider.getJwks();
		String fetchedFrom = (jwks.getUri() != null) ? jwks.getUri() : provider.getIssuer();
		String fetchedFromName = (jwks.getUri() != null) ? name + ".jwks.uri" : name + ".issuer (discovery)";
		for (String property : new String[] { "ssl-bundle", "bearer-token-location" }) {
			String value = "ssl-bundle".equals(property) ? jwks.getSslBundle() : jwks.getBearerTokenLocation();
			if (!StringUtils.hasText(value)) {
				continue;
			}
			if (keySources.contains(name + ".jwks.local") || keySources.contains(name + ".jwks.location")) {
				throw invalid(name + ".jwks." + property, value,
						"applies to keys fetched over https only; remove it, or use jwks.uri or discovery");
			}
			if (!fetchedFrom.startsWith("https://")) {
				throw invalid(name + ".jwks." + property, value, "applies to https only, but keys come from "
						+ fetchedFromName + " = " + fetchedFrom + "; use an https URL");
			}
		}
	}

	private static void validatePrincipal(String name, JwtProperties.Principal principal, Set<String> ids) {
		if (principal.getProvider() != null && !ids.contains(principal.getProvider())) {
			throw invalid(name + ".provider", principal.getProvider(), unknownProvider(ids));
		}
		if (principal.getClaims().isEmpty() && principal.getProvider() == null) {
			throw invalid(name, null, "a principal needs a provider or at least one claim to match; set "
					+ name + ".provider (any token of that provider) or " + name + ".claims");
		}
		principal.getClaims().forEach((claim, value) -> {
			claimPath(name + ".claims", claim);
			if (principal.getMatcher() == JwtProperties.Matcher.REGEX_MATCH) {
				try {
					Pattern.compile(value);
				}
				catch (PatternSyntaxException ex) {
					throw invalid(name + ".claims." + claim, value,
							"not a valid regular expression: " + ex.getDescription());
				}
			}
			if (principal.getMatcher() == JwtProperties.Matcher.BOOLEAN && !"true".equals(value)
					&& !"false".equals(value)) {
				throw invalid(name + ".claims." + claim, value, "the boolean matcher takes true or false");
			}
		});
	}

	/**
	 * Lists names for a message: {@code a, b or c}.
	 */
	static String names(List<String> names) {
		int last = names.size() - 1;
		return (last < 1) ? String.join("", names)
				: String.join(", ", names.subList(0, last)) + " or " + names.get(last);
	}

	private static void claimPath(String name, String path) {
		try {
			ClaimPath.of(path);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, path, ex.getMessage()
					+ "; write a claim path such as sub, realm_access.roles or [kubernetes.io].namespace");
		}
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

	private static void positive(String name, long value) {
		if (value <= 0) {
			throw invalid(name, value, "must be positive");
		}
	}

	private static void addIfSet(Set<String> sources, String name, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			sources.add(name);
		}
	}

	private static boolean isHeaderName(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
				return false;
			}
		}
		return true;
	}

	static boolean isHttpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
