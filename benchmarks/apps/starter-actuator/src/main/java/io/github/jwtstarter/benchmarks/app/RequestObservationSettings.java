package io.github.jwtstarter.benchmarks.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * With {@code --bench.observe-security-requests=false}: Spring Security's documented
 * setting that leaves the filter chain unobserved (authentications and authorizations
 * still observed), as docs/performance.md suggests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "bench.observe-security-requests", havingValue = false)
class RequestObservationSettings {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
	}

}
