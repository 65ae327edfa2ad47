package io.github.jwtstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.JwtAuthoritiesConverterCustomizer;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.jwt.IssuerTemplate;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderBuilder;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.JwtProviderValidatorCustomizer;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StreamUtils;
import org.springframework.util.StringUtils;

/**
 * Maps {@link JwtProperties} to the starter's runtime objects: providers with their keys,
 * decoders, validators and converters; token locations; routes; RBAC policies. Key
 * problems fail startup naming the property; key material never appears in a message.
 */
final class JwtPropertiesMapper {

	private final ResourceLoader resourceLoader;

	private final JwksFetchListener fetchListener;

	private final List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers;

	private final List<JwtProviderKeysCustomizer> keysCustomizers;

	private final Clock clock;

	private final JwksAccessMapper access;

	private final List<OAuth2TokenValidator<Jwt>> validators;

	private final List<JwtProviderValidatorCustomizer> validatorCustomizers;

	private ObservationRegistry observations = ObservationRegistry.NOOP;

	private final @Nullable DPoPReplayStore replayStore;

	JwtPropertiesMapper(ResourceLoader resourceLoader, JwksFetchListener fetchListener,
			List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers, Clock clock) {
		this(resourceLoader, null, fetchListener, authoritiesCustomizers, List.of(), clock);
	}

	JwtPropertiesMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles, JwksFetchListener fetchListener,
			List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers,
			List<JwtProviderKeysCustomizer> keysCustomizers, Clock clock) {
		this(resourceLoader, sslBundles, fetchListener, authoritiesCustomizers, keysCustomizers, List.of(), List.of(),
				null, clock);
	}

	/**
	 * Creates a mapper whose providers also run the application's own checks and may
	 * share a DPoP replay store.
	 * @param validators checks for every provider ({@code OAuth2TokenValidator<Jwt>}
	 * beans)
	 * @param validatorCustomizers add or remove checks per provider
	 * @param replayStore the shared DPoP replay store ({@code replay-store: redis}), if
	 * any
	 */
	JwtPropertiesMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles, JwksFetchListener fetchListener,
			List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers,
			List<JwtProviderKeysCustomizer> keysCustomizers, List<OAuth2TokenValidator<Jwt>> validators,
			List<JwtProviderValidatorCustomizer> validatorCustomizers, @Nullable DPoPReplayStore replayStore,
			Clock clock) {
		this.access = new JwksAccessMapper(resourceLoader, sslBundles);
		this.resourceLoader = resourceLoader;
		this.fetchListener = fetchListener;
		this.authoritiesCustomizers = authoritiesCustomizers;
		this.keysCustomizers = keysCustomizers;
		this.validators = List.copyOf(validators);
		this.validatorCustomizers = List.copyOf(validatorCustomizers);
		this.replayStore = replayStore;
		this.clock = clock;
	}

	/**
	 * Observes the key fetches of the providers mapped from now on.
	 * @param observations the registry
	 * @return this mapper
	 */
	JwtPropertiesMapper observations(ObservationRegistry observations) {
		this.observations = observations;
		return this;
	}

	List<JwtProvider> providers(JwtProperties properties) {
		JwtProviderFactory factory = factory(properties.getCrypto().getProvider());
		List<JwtProvider> providers = new ArrayList<>();
		properties.getProviders().forEach((id, provider) -> providers.add(provider(id, provider, factory)));
		return providers;
	}

	JwtProviderFactory factory(JwtProperties.CryptoProvider provider) {
		ClassLoader classLoader = this.resourceLoader.getClassLoader();
		JwtProviderFactory factory = (provider == JwtProperties.CryptoProvider.AUTO)
				? JwtProviderFactory.preferAccp(classLoader, this.clock)
				: JwtProviderFactory.jdk(classLoader, this.clock);
		return factory.observationRegistry(this.observations);
	}

	JwtProvider provider(String id, JwtProperties.Provider properties, JwtProviderFactory factory) {
		JwtProperties.SenderConstraint senderConstraint = properties.getSenderConstraint();
		IssuerTemplate template = IssuerTemplate.isTemplate(properties.getIssuer())
				? JwtPropertiesValidator.template(properties) : null;
		ProviderJwtAuthenticationConverter authentication = new ProviderJwtAuthenticationConverter(id, template,
				properties.getPrincipalClaim(), authorities(id, properties));
		JwtProviderBuilder builder = factory.provider(id, properties.getIssuer())
			.keysCustomizers(this.keysCustomizers)
			.time(properties.getClockSkew(), properties.isRequireExpiration(), properties.getMaxLifetime())
			.algorithms(properties.getAlgorithms())
			.types(properties.getTypes())
			.audiences(properties.getAudiences())
			.requiredClaims(requiredClaims(properties))
			.validators(validators(id))
			.authenticationConverter(authentication)
			.dpop(senderConstraint.getDpop(), senderConstraint.getDpopProofMaxAge(),
					senderConstraint.getDpopReplayCacheSize());
		dpopReplay(id, senderConstraint, builder);
		if (template == null) {
			return builder.keys(() -> keys(id, properties, factory)).build();
		}
		if (!properties.getTenants().isEmpty()) {
			builder.tenants(properties.getTenants());
		}
		else if (properties.getTenantPattern() != null) {
			builder.tenantPattern(properties.getTenantPattern());
		}
		if (properties.getTenantClaim() != null) {
			builder.tenantClaim(properties.getTenantClaim());
		}
		builder.maxTenants(properties.getMaxTenants());
		JwtProperties.Jwks jwks = properties.getJwks();
		boolean keysPerTenant = (jwks.getLocal() == null || jwks.getLocal().isBlank()) && jwks.getLocation() == null
				&& (jwks.getUri() == null || IssuerTemplate.isTemplate(jwks.getUri()));
		if (keysPerTenant) {
			builder.tenantKeys((tenant, issuer) -> tenantKeys(id, tenant, issuer, jwks, factory));
		}
		else {
			builder.keys(() -> keys(id, properties, factory));
		}
		return builder.build();
	}

	/**
	 * The application's own checks of a provider: the {@code OAuth2TokenValidator<Jwt>}
	 * beans, then what each customizer adds (or removes).
	 */
	private List<OAuth2TokenValidator<Jwt>> validators(String id) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(this.validators);
		for (JwtProviderValidatorCustomizer customizer : this.validatorCustomizers) {
			customizer.customize(id, validators);
		}
		return validators;
	}

	/**
	 * One tenant's remote keys: from the tenant's own JWK Set URL, or discovered from its
	 * issuer.
	 */
	private ProviderKeys tenantKeys(String id, String tenant, String issuer, JwtProperties.Jwks jwks,
			JwtProviderFactory factory) {
		URL jwkSetUrl = (jwks.getUri() != null) ? url(IssuerTemplate.expand(jwks.getUri(), tenant)) : null;
		return factory.remoteKeys(id, tenant, jwkSetUrl, issuer, remoteSettings(jwks), this.access.access(id, jwks),
				this.fetchListener);
	}

	private static ProviderKeys.RemoteSettings remoteSettings(JwtProperties.Jwks jwks) {
		return new ProviderKeys.RemoteSettings(jwks.getCacheDuration(), jwks.getMinRefreshInterval(),
				jwks.getOutageTolerance(), jwks.getConnectTimeout(), jwks.getReadTimeout(), jwks.getMaxSize());
	}

	private void dpopReplay(String id, JwtProperties.SenderConstraint senderConstraint, JwtProviderBuilder builder) {
		if (senderConstraint.getDpopReplayQuotaPerKey() != null) {
			builder.dpopReplayQuotaPerKey(senderConstraint.getDpopReplayQuotaPerKey());
		}
		builder.dpopOrigins(senderConstraint.getPublicOrigins());
		String nonceSecret = senderConstraint.getDpopNonceSecret();
		if (senderConstraint.isDpopNonceRequired() && nonceSecret != null) {
			builder.dpopNonces(nonceSecret.getBytes(StandardCharsets.UTF_8), senderConstraint.getDpopNonceLifetime());
		}
		if (senderConstraint.getReplayStore() != JwtProperties.ReplayStore.REDIS) {
			return;
		}
		if (this.replayStore == null) {
			throw new InvalidConfigurationPropertyValueException(
					"jwt.providers." + id + ".sender-constraint.replay-store", "redis",
					"the application has no Redis connection; add spring-boot-starter-data-redis (Lettuce, Spring "
							+ "Boot's default client) and point spring.data.redis.host/port (or url) at your Redis, "
							+ "or set it to memory");
		}
		builder.dpopReplayStore(this.replayStore, senderConstraint.getReplayStoreKeyPrefix(),
				senderConstraint.getReplayStoreTimeout());
	}

	private Converter<Jwt, Collection<GrantedAuthority>> authorities(String id, JwtProperties.Provider properties) {
		Converter<Jwt, Collection<GrantedAuthority>> converter;
		if (properties.getAuthorities().isEmpty()) {
			converter = ClaimAuthoritiesConverter.scopes();
		}
		else {
			converter = new ClaimAuthoritiesConverter(properties.getAuthorities()
				.stream()
				.map((mapping) -> new ClaimAuthoritiesConverter.Mapping(mapping.getClaim(), mapping.getPrefix(),
						mapping.getDelimiter()))
				.toList());
		}
		for (JwtAuthoritiesConverterCustomizer customizer : this.authoritiesCustomizers) {
			converter = customizer.customize(id, converter);
		}
		return converter;
	}

	private ProviderKeys keys(String id, JwtProperties.Provider properties, JwtProviderFactory factory) {
		JwtProperties.Jwks jwks = properties.getJwks();
		String name = "jwt.providers." + id + ".jwks";
		if (jwks.getLocal() != null && !jwks.getLocal().isBlank()) {
			return localKeys(factory, name + ".local", "(inline key material)", jwks.getLocal());
		}
		Resource location = jwks.getLocation();
		if (location != null) {
			return localKeys(factory, name + ".location", location.getDescription(), read(name, location));
		}
		return factory.remoteKeys(id, (jwks.getUri() != null) ? url(jwks.getUri()) : null, properties.getIssuer(),
				remoteSettings(jwks), this.access.access(id, jwks), this.fetchListener);
	}

	private static ProviderKeys localKeys(JwtProviderFactory factory, String name, String shownValue, String text) {
		try {
			return factory.localKeys(text);
		}
		catch (IllegalArgumentException ex) {
			throw JwtPropertiesValidator.invalid(name, shownValue, ex.getMessage());
		}
	}

	/**
	 * The required claims by claim path. Binding a map of objects nests a dotted key
	 * ({@code kubernetes.io.namespace: default} binds as
	 * {@code {kubernetes={io={namespace= default}}}}); joining the nested keys with dots
	 * gives back a path that resolves to the same claim.
	 */
	static Map<String, Object> requiredClaims(JwtProperties.Provider properties) {
		Map<String, Object> claims = new LinkedHashMap<>();
		flatten("", properties.getRequiredClaims(), claims);
		return claims;
	}

	private static void flatten(String prefix, Map<?, ?> nested, Map<String, Object> claims) {
		nested.forEach((key, value) -> {
			String path = prefix + key;
			if (value instanceof Map<?, ?> map && !map.isEmpty()) {
				flatten(path + ".", map, claims);
			}
			else {
				claims.put(path, value);
			}
		});
	}

	private static String read(String name, Resource location) {
		try (InputStream in = location.getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			if (location instanceof ContextResource unprefixed) {
				// no prefix: Spring looks the path up on the class path (or in the web
				// application)
				String path = StringUtils.trimLeadingCharacter(unprefixed.getPathWithinContext(), '/');
				throw JwtPropertiesValidator.invalid(name + ".location", location.getDescription(),
						"cannot be read: a location without a prefix is looked up on the class path, not in the file "
								+ "system; add the file: prefix for a file (file:/" + path
								+ "), or write classpath: for a class path resource");
			}
			throw JwtPropertiesValidator.invalid(name + ".location", location.getDescription(),
					"cannot be read; point it at a readable file: or classpath: resource holding a JWK Set or PEM");
		}
	}

	private static URL url(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the providers whose remote keys are fetched at startup: those with
	 * {@code jwks.prefetch}, or without it when {@code jwt.jwks.prefetch} is set.
	 * @param properties the properties
	 * @return the provider ids
	 */
	static Set<String> prefetching(JwtProperties properties) {
		Set<String> ids = new LinkedHashSet<>();
		properties.getProviders().forEach((id, provider) -> {
			JwtProperties.Jwks jwks = provider.getJwks();
			boolean remote = (jwks.getLocal() == null || jwks.getLocal().isBlank()) && jwks.getLocation() == null;
			Boolean prefetch = jwks.getPrefetch();
			if (remote && ((prefetch != null) ? prefetch : properties.getJwks().isPrefetch())) {
				ids.add(id);
			}
		});
		return ids;
	}

}
