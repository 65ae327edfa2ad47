package io.github.jwtstarter.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.github.jwtstarter.authentication.JwtAuthoritiesConverterCustomizer;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.jwt.VerifiedTokenCache;
import io.github.jwtstarter.web.reactive.ProviderReactiveAuthenticationManager;
import io.github.jwtstarter.web.servlet.ServletTokenPresentation;
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
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
				ObjectProvider<ObservationRegistry> observations) {
			List<JwksFetchListener> listeners = fetchListeners.orderedStream().toList();
			JwksFetchListener listener = (event) -> listeners.forEach((each) -> each.onFetch(event));
			JwtPropertiesMapper mapper = new JwtPropertiesMapper(resourceLoader, sslBundles.getIfAvailable(), listener,
					authoritiesCustomizers.orderedStream().toList(), keysCustomizers.orderedStream().toList(),
					Clock.systemUTC())
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
				default -> (provider, failure, cached, nanos) -> {
					for (JwtVerificationListener each : all) {
						each.onVerification(provider, failure, cached, nanos);
					}
				};
			};
			return new JwtVerifier(registry, Math.toIntExact(properties.getMaxTokenSize().toBytes()),
					properties.getCache().isEnabled() ? cache.getIfAvailable() : null, listener,
					observations.getIfUnique(() -> ObservationRegistry.NOOP));
		}

	}

	/**
	 * The issuer resolver for applications with their own filter chain; it needs the
	 * servlet API. Tokens reach it as bearer tokens: a DPoP-bound token is rejected, a
	 * certificate-bound one needs the current request's TLS client certificate.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static class IssuerResolverConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtIssuerAuthenticationManagerResolver jwtIssuerAuthenticationManagerResolver(JwtProviderRegistry registry,
				JwtVerifier verifier) {
			return new JwtIssuerAuthenticationManagerResolver((issuer) -> {
				if (registry.byIssuer(issuer) == null) {
					return null;
				}
				AuthenticationManager manager = (authentication) -> {
					String token = ((BearerTokenAuthenticationToken) authentication).getToken();
					try {
						return verifier
							.verify(token, (provider) -> provider.getIssuer().equals(issuer),
									TokenPresentation.bearer(currentClientCertificate()))
							.authentication();
					}
					catch (JwtVerificationException ex) {
						throw new InvalidBearerTokenException(ex.getFailure().description(), ex);
					}
				};
				return manager;
			});
		}

		private static @Nullable X509Certificate currentClientCertificate() {
			return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
					? ServletTokenPresentation.clientCertificate(attributes.getRequest()) : null;
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
