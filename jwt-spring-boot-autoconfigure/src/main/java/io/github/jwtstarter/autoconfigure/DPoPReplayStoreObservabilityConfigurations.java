package io.github.jwtstarter.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.jwtstarter.actuate.DPoPReplayStoreHealthIndicator;
import io.github.jwtstarter.actuate.DPoPReplayStoreMetrics;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health and metrics of the DPoP replay store shared by every replica, imported by
 * {@link JwtObservabilityAutoConfiguration}: a {@code dpopReplayStore} health contributor
 * and the {@code jwt.dpop.replay-store.errors} counter, each only when its library is
 * present and there is a shared store.
 */
final class DPoPReplayStoreObservabilityConfigurations {

	private DPoPReplayStoreObservabilityConfigurations() {
	}

	/**
	 * The ids of the providers that keep their proof ids in the shared store.
	 */
	static List<String> sharingProviders(JwtProperties properties) {
		return properties.getProviders()
			.entrySet()
			.stream()
			.filter((provider) -> provider.getValue()
				.getSenderConstraint()
				.getReplayStore() == JwtProperties.ReplayStore.REDIS)
			.map((provider) -> provider.getKey())
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean({ MeterRegistry.class, DPoPReplayStore.class })
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DPoPReplayStoreMetrics jwtDPoPReplayStoreMetrics(MeterRegistry registry, JwtProperties properties) {
			return new DPoPReplayStoreMetrics(registry, sharingProviders(properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthContributor.class)
	static class HealthConfiguration {

		// nested: the health indicator condition needs spring-boot-health on the class
		// path
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(DPoPReplayStore.class)
		@ConditionalOnEnabledHealthIndicator("dpop-replay-store")
		static class DPoPReplayStoreHealthContributorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "dpopReplayStoreHealthContributor")
			DPoPReplayStoreHealthIndicator dpopReplayStoreHealthContributor(DPoPReplayStore store,
					JwtProperties properties) {
				Duration timeout = properties.getProviders()
					.values()
					.stream()
					.filter((provider) -> provider.getSenderConstraint()
						.getReplayStore() == JwtProperties.ReplayStore.REDIS)
					.map((provider) -> provider.getSenderConstraint().getReplayStoreTimeout())
					.max(Duration::compareTo)
					.orElse(Duration.ofSeconds(1));
				return new DPoPReplayStoreHealthIndicator(store, timeout);
			}

		}

	}

}
