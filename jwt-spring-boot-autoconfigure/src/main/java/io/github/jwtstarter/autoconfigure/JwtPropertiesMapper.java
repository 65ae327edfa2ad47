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
import io.github.jwtstarter.authorization.ClaimMatcher;
import io.github.jwtstarter.authorization.ClaimMatchers;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.authorization.RbacPrincipal;
import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderBuilder;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.github.jwtstarter.shaping.ClaimHeader;
import io.github.jwtstarter.shaping.ProviderShaping;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenLocation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StreamUtils;

/**
 * Maps {@link JwtProperties} to the starter's runtime objects: providers with their keys,
 * decoders, validators and converters; token locations; routes; RBAC policies. Key problems fail
 * startup naming the property; key material never appears in a message.
 */
final class JwtPropertiesMapper {

	private final ResourceLoader resourceLoader;

	private final JwksFetchListener fetchListener;

	private final List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers;

	private final List<JwtProviderKeysCustomizer> keysCustomizers;

	private final Clock clock;

	private final JwksAccessMapper access;

	private final @Nullable DPoPReplayStore replayStore;

	JwtPropertiesMapper(ResourceLoader resourceLoader, JwksFetchListener fetchListener,
			List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers, Clock clock) {
		this(resourceLoader, null, fetchListener, authoritiesCustomizers, List.of(), clock);
	}

	JwtPropertiesMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			JwksFetchListener fetchListener, List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers,
			List<JwtProviderKeysCustomizer> keysCustomizers, Clock clock) {
		this(resourceLoader, sslBundles, fetchListener, authoritiesCustomizers, keysCustomizers, null, clock);
	}

	JwtPropertiesMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			JwksFetchListener fetchListener, List<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers,
			List<JwtProviderKeysCustomizer> keysCustomizers, @Nullable DPoPReplayStore replayStore, Clock clock) {
		this.access = new JwksAccessMapper(resourceLoader, sslBundles);
		this.resourceLoader = resourceLoader;
		this.fetchListener = fetchListener;
		this.authoritiesCustomizers = authoritiesCustomizers;
		this.keysCustomizers = keysCustomizers;
		this.replayStore = replayStore;
		this.clock = clock;
	}

	List<JwtProvider> providers(JwtProperties properties) {
		JwtProviderFactory factory = factory(properties.getCrypto().getProvider());
		List<JwtProvider> providers = new ArrayList<>();
		properties.getProviders().forEach((id, provider) -> providers.add(provider(id, provider, factory)));
		return providers;
	}

	JwtProviderFactory factory(JwtProperties.CryptoProvider provider) {
		ClassLoader classLoader = this.resourceLoader.getClassLoader();
		return (provider == JwtProperties.CryptoProvider.AUTO) ? JwtProviderFactory.preferAccp(classLoader, this.clock)
				: JwtProviderFactory.jdk(classLoader, this.clock);
	}

	JwtProvider provider(String id, JwtProperties.Provider properties, JwtProviderFactory factory) {
		JwtProperties.SenderConstraint senderConstraint = properties.getSenderConstraint();
		ProviderJwtAuthenticationConverter authentication = new ProviderJwtAuthenticationConverter(id,
				properties.getPrincipalClaim(), authorities(id, properties));
		JwtProviderBuilder builder = factory.provider(id, properties.getIssuer())
			.keys(() -> keys(id, properties, factory))
			.keysCustomizers(this.keysCustomizers)
			.time(properties.getClockSkew(), properties.isRequireExpiration(), properties.getMaxLifetime())
			.algorithms(properties.getAlgorithms())
			.types(properties.getTypes())
			.audiences(properties.getAudiences())
			.requiredClaims(requiredClaims(properties))
			.authenticationConverter(authentication)
			.dpop(senderConstraint.getDpop(), senderConstraint.getDpopProofMaxAge(),
					senderConstraint.getDpopReplayCacheSize());
		dpopReplay(id, senderConstraint, builder);
		return builder.build();
	}

	private void dpopReplay(String id, JwtProperties.SenderConstraint senderConstraint, JwtProviderBuilder builder) {
		if (senderConstraint.getDpopReplayQuotaPerKey() != null) {
			builder.dpopReplayQuotaPerKey(senderConstraint.getDpopReplayQuotaPerKey());
		}
		builder.dpopOrigins(senderConstraint.getPublicOrigins());
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
		ProviderKeys.RemoteSettings settings = new ProviderKeys.RemoteSettings(jwks.getCacheDuration(),
				jwks.getMinRefreshInterval(), jwks.getOutageTolerance(), jwks.getConnectTimeout(),
				jwks.getReadTimeout(), jwks.getMaxSize());
		return factory.remoteKeys(id, (jwks.getUri() != null) ? url(jwks.getUri()) : null, properties.getIssuer(),
				settings, this.access.access(id, jwks), this.fetchListener);
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
	 * ({@code kubernetes.io.namespace: default} binds as {@code {kubernetes={io={namespace=
	 * default}}}}); joining the nested keys with dots gives back a path that resolves to
	 * the same claim.
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

	static Map<String, Set<TokenLocation>> tokenLocations(JwtProperties properties) {
		Map<String, Set<TokenLocation>> locations = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			JwtProperties.TokenSource source = provider.getTokenSource();
			Set<TokenLocation> provided = new LinkedHashSet<>();
			source.getHeaders().forEach((header) -> provided.add(TokenLocation.header(header.getName(),
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
			.forEach((id, provider) -> shaping.put(id, new ProviderShaping(provider.getClaimsToHeaders()
				.stream()
				.map((header) -> new ClaimHeader(header.getClaim(), header.getHeader(),
						header.isAppend()))
				.toList(), provider.isKeepToken())));
		return new RequestShaping(shaping);
	}

	static JwtRoutes routes(JwtProperties properties) {
		List<JwtRoute> routes = new ArrayList<>();
		for (JwtProperties.Route route : properties.getRoutes()) {
			routes.add(new JwtRoute(route.getPaths(), Set.copyOf(route.getMethods()),
					(route.getValidationPolicy() != null) ? route.getValidationPolicy()
							: properties.getValidationPolicy(),
					Set.copyOf(route.getProviders()), route.isDisabled()));
		}
		return new JwtRoutes(routes, JwtRoute.defaults(properties.getValidationPolicy()));
	}

	static List<RbacPolicy> rbacPolicies(JwtProperties properties) {
		List<RbacPolicy> policies = new ArrayList<>();
		properties.getRbac().getPolicies().forEach((name, policy) -> {
			List<RbacPrincipal> principals = new ArrayList<>();
			for (JwtProperties.Principal principal : policy.getPrincipals()) {
				List<ClaimMatcher> claims = new ArrayList<>();
				principal.getClaims()
					.forEach((path, value) -> claims.add(claimMatcher(principal.getMatcher(), path, value)));
				principals.add(new RbacPrincipal(principal.getProvider(), claims));
			}
			policies.add(new RbacPolicy(name, policy.getPermissions().getPaths(),
					Set.copyOf(policy.getPermissions().getMethods()), principals));
		});
		return policies;
	}

	private static ClaimMatcher claimMatcher(JwtProperties.Matcher matcher, String path, String value) {
		return switch (matcher) {
			case BOOLEAN -> ClaimMatchers.booleanValue(path, Boolean.parseBoolean(value));
			case LIST_CONTAINS -> ClaimMatchers.listContains(path, value);
			case REGEX_MATCH -> ClaimMatchers.regexMatch(path, value);
			case EXACT_STRING -> ClaimMatchers.exactString(path, value);
		};
	}

}
