package io.github.jwtstarter.autoconfigure;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.IssuerTemplate;
import io.github.jwtstarter.jwt.ProviderKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

/**
 * Checks {@link JwtProperties} at startup. Each failure names the full property path and
 * the fix, through Boot's own exceptions (and so Boot's failure analyzers).
 */
final class JwtPropertiesValidator {

	private static final String ALGORITHM_NAMES = names(
			ProviderKeys.SUPPORTED_ALGORITHMS.stream().map(JWSAlgorithm::getName).toList());

	private JwtPropertiesValidator() {
	}

	static void validate(JwtProperties properties) {
		Map<String, String> issuers = new HashMap<>();
		properties.getProviders().forEach((id, provider) -> validateProvider(id, provider, issuers));
		validateTemplates(properties, issuers);
		Set<String> tokenHeaders = tokenHeaders(properties);
		properties.getProviders().forEach((id, provider) -> validateForwardedHeaders(id, provider, tokenHeaders));
		positive("jwt.max-token-size", properties.getMaxTokenSize().toBytes());
		positive("jwt.cache.max-size", properties.getCache().getMaxSize());
		positive("jwt.jwks.prefetch-timeout", properties.getJwks().getPrefetchTimeout().toMillis());
		AccessPropertiesValidator.validate(properties);
	}

	private static void validateProvider(String id, JwtProperties.Provider provider, Map<String, String> issuers) {
		String name = "jwt.providers." + id;
		String issuer = provider.getIssuer();
		if (!StringUtils.hasText(issuer)) {
			throw invalid(name + ".issuer", issuer,
					"every provider needs an issuer; set it to the exact 'iss' claim of this provider's tokens");
		}
		boolean template = validateTenants(name, provider);
		String previous = template ? null : issuers.put(issuer, id);
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
		if (sources.isEmpty() && !isHttpUrl(sample(issuer))) {
			throw invalid(name + ".issuer", issuer, "keys are discovered from the issuer only when it is an http(s) "
					+ "URL; set " + name + ".jwks.uri, .jwks.local or .jwks.location");
		}
		if (jwks.getUri() != null && !isHttpUrl(sample(jwks.getUri()))) {
			throw invalid(name + ".jwks.uri", jwks.getUri(), "must be an http(s) URL of a JWK Set");
		}
		if (jwks.getUri() != null && IssuerTemplate.isTemplate(jwks.getUri())) {
			if (!template) {
				throw invalid(name + ".jwks.uri", jwks.getUri(),
						"holds " + IssuerTemplate.PLACEHOLDER + ", but " + name + ".issuer does not; put "
								+ IssuerTemplate.PLACEHOLDER
								+ " in the issuer too (a multi-tenant provider) or remove it from the URL");
			}
			if (count(jwks.getUri(), IssuerTemplate.PLACEHOLDER) > 1) {
				throw invalid(name + ".jwks.uri", jwks.getUri(),
						"holds " + IssuerTemplate.PLACEHOLDER + " more than once; write it once");
			}
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
		JwtPropertiesMapper.requiredClaims(provider)
			.keySet()
			.forEach((path) -> claimPath(name + ".required-claims", path));
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
		SenderConstraintPropertiesValidator.validate(name + ".sender-constraint", provider.getSenderConstraint());
		List<JwtProperties.HeaderSource> headers = provider.getTokenSource().getHeaders();
		for (int i = 0; i < headers.size(); i++) {
			if (!StringUtils.hasText(headers.get(i).getName())) {
				throw invalid(name + ".token-source.headers[" + i + "].name", headers.get(i).getName(),
						"must name a header, e.g. Authorization");
			}
		}
	}

	/**
	 * Checks the multi-tenant properties of a provider.
	 * @return whether the issuer is a template
	 */
	private static boolean validateTenants(String name, JwtProperties.Provider provider) {
		String issuer = provider.getIssuer();
		int placeholders = count(issuer, IssuerTemplate.PLACEHOLDER);
		if (placeholders == 0) {
			String set = !provider.getTenants().isEmpty() ? "tenants"
					: (provider.getTenantPattern() != null) ? "tenant-pattern"
							: (provider.getTenantClaim() != null) ? "tenant-claim"
									: (provider.getTenantHeader() != null) ? "tenant-header"
											: (provider.getMaxTenants() != 100) ? "max-tenants" : null;
			if (set != null) {
				throw invalid(name + "." + set, provider.getIssuer(),
						"applies to a multi-tenant provider only, but " + name + ".issuer has no "
								+ IssuerTemplate.PLACEHOLDER + "; put " + IssuerTemplate.PLACEHOLDER
								+ " where the tenant is in the issuer (e.g. https://kc.example.com/realms/"
								+ IssuerTemplate.PLACEHOLDER + ") or remove " + name + "." + set);
			}
			return false;
		}
		if (placeholders > 1) {
			throw invalid(name + ".issuer", issuer, "holds " + IssuerTemplate.PLACEHOLDER
					+ " more than once; an issuer template has exactly one placeholder");
		}
		if (issuer.startsWith(IssuerTemplate.PLACEHOLDER)) {
			throw invalid(name + ".issuer", issuer,
					"starts with " + IssuerTemplate.PLACEHOLDER + "; write the fixed part of the issuer before it");
		}
		if (!provider.getTenants().isEmpty() && provider.getTenantPattern() != null) {
			throw new MutuallyExclusiveConfigurationPropertiesException(
					Set.of(name + ".tenants", name + ".tenant-pattern"),
					Set.of(name + ".tenants", name + ".tenant-pattern"));
		}
		List<String> tenants = provider.getTenants();
		for (int i = 0; i < tenants.size(); i++) {
			if (!IssuerTemplate.isValidTenant(tenants.get(i))) {
				throw invalid(name + ".tenants[" + i + "]", tenants.get(i), "not a valid tenant; a tenant is 1 to "
						+ IssuerTemplate.MAX_TENANT_LENGTH + " letters, digits, '-', '.', '_' or '~' (not . or ..)");
			}
		}
		if (provider.getTenantPattern() != null) {
			try {
				Pattern.compile(provider.getTenantPattern());
			}
			catch (PatternSyntaxException ex) {
				throw invalid(name + ".tenant-pattern", provider.getTenantPattern(),
						"not a valid regular expression: " + ex.getDescription());
			}
		}
		positive(name + ".max-tenants", provider.getMaxTenants());
		if (provider.getTenantClaim() != null) {
			claimPath(name + ".tenant-claim", provider.getTenantClaim());
		}
		if (provider.getTenantHeader() != null && !isHeaderName(provider.getTenantHeader())) {
			throw invalid(name + ".tenant-header", provider.getTenantHeader(),
					"not a valid HTTP header name; use letters, digits and - (e.g. x-tenant)");
		}
		return true;
	}

	/**
	 * Fails when an issuer template could match another provider's exact issuer, or the
	 * same issuer as another template.
	 */
	private static void validateTemplates(JwtProperties properties, Map<String, String> issuers) {
		Map<String, IssuerTemplate> templates = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			if (!IssuerTemplate.isTemplate(provider.getIssuer())) {
				return;
			}
			String name = "jwt.providers." + id;
			IssuerTemplate template = template(provider);
			issuers.forEach((issuer, other) -> {
				if (template.tenant(issuer) != null) {
					throw invalid(name + ".issuer", provider.getIssuer(),
							"matches the issuer of provider '" + other + "' (" + issuer
									+ "); list the accepted tenants in " + name + ".tenants, or set a " + name
									+ ".tenant-pattern that does not match '" + template.tenant(issuer) + "'");
				}
			});
			templates.forEach((otherId, other) -> {
				if (template.overlaps(other)) {
					throw invalid(name + ".issuer", provider.getIssuer(),
							"can match the same issuers as provider '" + otherId + "' (" + other.getTemplate()
									+ "); give one of them tenants (an allow-list) "
									+ "the other cannot match, or make the text around " + IssuerTemplate.PLACEHOLDER
									+ " distinct");
				}
			});
			templates.put(id, template);
		});
	}

	static IssuerTemplate template(JwtProperties.Provider provider) {
		IssuerTemplate template = IssuerTemplate.of(provider.getIssuer());
		if (!provider.getTenants().isEmpty()) {
			return template.withTenants(provider.getTenants());
		}
		return (provider.getTenantPattern() != null) ? template.withTenantPattern(provider.getTenantPattern())
				: template;
	}

	private static Set<String> tokenHeaders(JwtProperties properties) {
		Set<String> names = new HashSet<>(
				Set.of("authorization", "dpop", "cookie", "host", "content-length", "transfer-encoding"));
		properties.getProviders()
			.values()
			.forEach((provider) -> provider.getTokenSource()
				.getHeaders()
				.forEach((header) -> names.add(header.getName().toLowerCase(Locale.ROOT))));
		return names;
	}

	/**
	 * Checks the headers a provider forwards besides its claims: the payload and the
	 * tenant, which must not overwrite a token or another of its headers.
	 */
	private static void validateForwardedHeaders(String id, JwtProperties.Provider provider, Set<String> reserved) {
		String name = "jwt.providers." + id;
		Set<String> claimHeaders = new HashSet<>();
		provider.getClaimsToHeaders()
			.forEach((mapping) -> claimHeaders.add(mapping.getHeader().toLowerCase(Locale.ROOT)));
		String payload = provider.getForwardPayloadHeader();
		if (payload != null) {
			forwardedHeader(name + ".forward-payload-header", payload, reserved, claimHeaders, "x-jwt-payload");
		}
		String tenant = provider.getTenantHeader();
		if (tenant != null) {
			forwardedHeader(name + ".tenant-header", tenant, reserved, claimHeaders, "x-tenant");
			if (payload != null && payload.equalsIgnoreCase(tenant)) {
				throw invalid(name + ".tenant-header", tenant,
						"is also " + name + ".forward-payload-header; use another header name");
			}
		}
	}

	private static void forwardedHeader(String name, String header, Set<String> reserved, Set<String> claimHeaders,
			String example) {
		if (!isHeaderName(header) || header.isEmpty()) {
			throw invalid(name, header,
					"not a valid HTTP header name; use letters, digits and - (e.g. " + example + ")");
		}
		if (reserved.contains(header.toLowerCase(Locale.ROOT))) {
			throw invalid(name, header, "would overwrite a token, cookie or framing header; use a header of its own "
					+ "(e.g. " + example + ")");
		}
		if (claimHeaders.contains(header.toLowerCase(Locale.ROOT))) {
			throw invalid(name, header, "is also a claims-to-headers header of this provider; use another header name");
		}
	}

	/**
	 * A URL template with a sample tenant in place of the placeholder, for URL checks.
	 */
	private static String sample(String uri) {
		return uri.replace(IssuerTemplate.PLACEHOLDER, "tenant");
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
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

	/**
	 * Lists names for a message: {@code a, b or c}.
	 */
	static String names(List<String> names) {
		int last = names.size() - 1;
		return (last < 1) ? String.join("", names)
				: String.join(", ", names.subList(0, last)) + " or " + names.get(last);
	}

	static void claimPath(String name, String path) {
		try {
			ClaimPath.of(path);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, path, ex.getMessage()
					+ "; write a claim path such as sub, realm_access.roles or [kubernetes.io].namespace");
		}
	}

	static void positive(String name, long value) {
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
