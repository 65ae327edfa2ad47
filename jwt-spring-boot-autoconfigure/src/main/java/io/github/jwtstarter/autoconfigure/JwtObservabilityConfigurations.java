package io.github.jwtstarter.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.actuate.JwksFetchMetrics;
import io.github.jwtstarter.actuate.JwtProviderHealthIndicator;
import io.github.jwtstarter.actuate.JwtTenantsHealthIndicator;
import io.github.jwtstarter.actuate.JwtVerificationMetrics;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.github.jwtstarter.jwt.VerifiedTokenCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and health configurations imported by
 * {@link JwtObservabilityAutoConfiguration}.
 */
final class JwtObservabilityConfigurations {

	/**
	 * Name of the verified-token cache in cache metrics.
	 */
	static final String CACHE_NAME = "jwt.verified-tokens";

	private JwtObservabilityConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtVerificationMetrics jwtVerificationMetrics(MeterRegistry registry) {
			return new JwtVerificationMetrics(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		JwksFetchMetrics jwksFetchMetrics(MeterRegistry registry) {
			return new JwksFetchMetrics(registry);
		}

		@Bean
		@ConditionalOnBean(VerifiedTokenCache.class)
		@ConditionalOnMissingBean(name = "jwtVerifiedTokenCacheMetrics")
		MeterBinder jwtVerifiedTokenCacheMetrics(VerifiedTokenCache cache) {
			return (registry) -> CaffeineCacheMetrics.monitor(registry, cache.getNativeCache(), CACHE_NAME);
		}

	}

	/**
	 * Readiness held back until the keys of the providers with {@code jwks.prefetch} are
	 * fetched (at most {@code jwt.jwks.prefetch-timeout}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ JwtProviderRegistry.class, ApplicationAvailability.class })
	static class ReadinessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtKeysReadiness jwtKeysReadiness(JwtProviderRegistry registry, JwtProperties properties,
				ApplicationEventPublisher publisher, ApplicationAvailability availability) {
			Map<String, ProviderKeys> prefetching = new LinkedHashMap<>();
			for (String id : JwtPropertiesMapper.prefetching(properties)) {
				JwtProvider provider = registry.byId(id);
				if (provider != null) {
					prefetching.put(id, provider.getKeys());
				}
			}
			return new JwtKeysReadiness(prefetching, properties.getJwks().getPrefetchTimeout(), publisher, availability,
					Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthContributor.class)
	static class HealthConfiguration {

		// nested: the health indicator condition needs spring-boot-health on the class
		// path
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(JwtProviderRegistry.class)
		@ConditionalOnEnabledHealthIndicator("jwt")
		static class JwtHealthContributorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "jwtHealthContributor")
			HealthContributor jwtHealthContributor(JwtProviderRegistry registry, JwtProperties properties) {
				Set<String> prefetching = JwtPropertiesMapper.prefetching(properties);
				Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
				for (JwtProvider provider : registry.providers()) {
					indicators.put(provider.getId(),
							(provider.getTenants() != null)
									? new JwtTenantsHealthIndicator(provider.getTenants(), Clock.systemUTC())
									: new JwtProviderHealthIndicator(provider.getKeys(), Clock.systemUTC(),
											prefetching.contains(provider.getId())));
				}
				return CompositeHealthContributor.fromMap(indicators);
			}

		}

	}

}
