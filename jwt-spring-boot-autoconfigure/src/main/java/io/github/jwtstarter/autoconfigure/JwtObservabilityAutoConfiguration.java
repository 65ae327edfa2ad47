package io.github.jwtstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Health, readiness and metrics of the JWT starter, each only when its library is
 * present: an Actuator {@code jwt} health contributor with one indicator per provider,
 * Spring Boot's readiness state held back until prefetched keys are there
 * ({@code jwks.prefetch}), and Micrometer meters for verifications
 * ({@code jwt.verifications}), JWK Set fetches ({@code jwt.jwks.fetches}) and the
 * verified-token cache ({@code jwt.verified-tokens}); with a shared DPoP replay store,
 * its {@code dpopReplayStore} health contributor and errors
 * ({@code jwt.dpop.replay-store.errors}).
 */
@AutoConfiguration(after = JwtAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration" })
@ConditionalOnJwtProviders
@Import({ JwtObservabilityConfigurations.MetricsConfiguration.class,
		JwtObservabilityConfigurations.HealthConfiguration.class,
		JwtObservabilityConfigurations.ReadinessConfiguration.class,
		DPoPReplayStoreObservabilityConfigurations.MetricsConfiguration.class,
		DPoPReplayStoreObservabilityConfigurations.HealthConfiguration.class })
public final class JwtObservabilityAutoConfiguration {

}
