package io.github.jwtstarter.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.jwtstarter.authentication.JwtAuthoritiesConverterCustomizer;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtProviderValidatorCustomizer;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.VerifiedTokenCache;
import io.github.jwtstarter.web.reactive.ProviderReactiveAuthenticationManager;
import io.github.jwtstarter.web.servlet.ProviderAuthenticationManager;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;

/**
 * Decoder and verifier configurations imported by {@link JwtAutoConfiguration}.
 */
final class JwtDecoderConfigurations {

	private JwtDecoderConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtProviderRegistry jwtProviderRegistry(JwtProperties properties, ResourceLoader resourceLoader,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<JwksFetchListener> fetchListeners,
				ObjectProvider<JwtAuthoritiesConverterCustomizer> authoritiesCustomizers,
				ObjectProvider<JwtProviderKeysCustomizer> keysCustomizers,
				ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
				ObjectProvider<JwtProviderValidatorCustomizer> validatorCustomizers,
				ObjectProvider<ObservationRegistry> observations, ObjectProvider<DPoPReplayStore> replayStore) {
			List<JwksFetchListener> listeners = fetchListeners.orderedStream().toList();
			JwksFetchListener listener = (event) -> listeners.forEach((each) -> each.onFetch(event));
			JwtPropertiesMapper mapper = new JwtPropertiesMapper(resourceLoader, sslBundles.getIfAvailable(), listener,
					authoritiesCustomizers.orderedStream().toList(), keysCustomizers.orderedStream().toList(),
					validators.orderedStream().toList(), validatorCustomizers.orderedStream().toList(),
					replayStore.getIfAvailable(), Clock.systemUTC())
				.observations(observations.getIfUnique(() -> ObservationRegistry.NOOP));
			return new JwtProviderRegistry(mapper.providers(properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class VerifierConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "jwt.cache.enabled", matchIfMissing = true)
		VerifiedTokenCache jwtVerifiedTokenCache(JwtProperties properties) {
			return new VerifiedTokenCache(properties.getCache().getMaxSize(), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		JwtVerifier jwtVerifier(JwtProviderRegistry registry, JwtProperties properties,
				ObjectProvider<VerifiedTokenCache> cache, ObjectProvider<JwtVerificationListener> listeners,
				ObjectProvider<ObservationRegistry> observations) {
			List<JwtVerificationListener> all = listeners.orderedStream().toList();
			// called on every request: the one listener itself when there is one
			JwtVerificationListener listener = switch (all.size()) {
				case 0 -> JwtVerificationListener.NONE;
				case 1 -> all.get(0);
				default -> new JwtVerificationListener() {

					@Override
					public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure,
							boolean cached, long nanos) {
						for (JwtVerificationListener each : all) {
							each.onVerification(provider, failure, cached, nanos);
						}
					}

					@Override
					public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure,
							@Nullable String reason, boolean cached, long nanos) {
						for (JwtVerificationListener each : all) {
							each.onVerification(provider, failure, reason, cached, nanos);
						}
					}

				};
			};
			return new JwtVerifier(registry, Math.toIntExact(properties.getMaxTokenSize().toBytes()),
					properties.getCache().isEnabled() ? cache.getIfAvailable() : null, listener,
					observations.getIfUnique(() -> ObservationRegistry.NOOP));
		}

	}

	/**
	 * The issuer resolver for applications that verify tokens with Spring Security's
	 * resource server in a chain of their own; it needs the servlet API.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static class IssuerResolverConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtIssuerAuthenticationManagerResolver jwtIssuerAuthenticationManagerResolver(JwtProviderRegistry registry,
				JwtVerifier verifier) {
			return new JwtIssuerAuthenticationManagerResolver((issuer) -> (registry.byIssuer(issuer) != null)
					? new ProviderAuthenticationManager(verifier, issuer) : null);
		}

	}

	/**
	 * The reactive issuer resolver for WebFlux applications with their own filter chain:
	 * a cache hit is answered inline, any other verification runs off the event loop.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "reactor.core.publisher.Mono")
	static class ReactiveIssuerResolverConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtIssuerReactiveAuthenticationManagerResolver jwtIssuerReactiveAuthenticationManagerResolver(
				JwtProviderRegistry registry, JwtVerifier verifier) {
			return new JwtIssuerReactiveAuthenticationManagerResolver((issuer) -> {
				if (registry.byIssuer(issuer) == null) {
					return Mono.empty();
				}
				ReactiveAuthenticationManager manager = new ProviderReactiveAuthenticationManager(verifier, issuer);
				return Mono.just(manager);
			});
		}

	}

}
