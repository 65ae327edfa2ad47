package io.github.jwtstarter.autoconfigure;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.actuate.JwksFetchMetrics;
import io.github.jwtstarter.actuate.JwtProviderHealthIndicator;
import io.github.jwtstarter.actuate.JwtVerificationMetrics;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JwtObservabilityAutoConfiguration}: present with its libraries and
 * providers, backing off for user beans, absent libraries and the health property.
 */
class JwtObservabilityAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private static final String[] PROVIDER = { "jwt.providers.kube.issuer=kubernetes",
			"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY), "jwt.providers.kube.require-expiration=false" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtObservabilityAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class));

	@Test
	void providersWithMicrometerAndHealthGiveMetersAndAHealthContributor() {
		this.contextRunner.withPropertyValues(PROVIDER).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JwtVerificationMetrics.class);
			assertThat(context).hasSingleBean(JwksFetchMetrics.class);
			assertThat(context).hasBean("jwtVerifiedTokenCacheMetrics");
			assertThat(context).getBean("jwtHealthContributor").isInstanceOf(CompositeHealthContributor.class);
			CompositeHealthContributor health = context.getBean("jwtHealthContributor",
					CompositeHealthContributor.class);
			HealthContributor kube = health.getContributor("kube");
			assertThat(kube).isInstanceOf(JwtProviderHealthIndicator.class);
			Health kubeHealth = ((HealthIndicator) kube).health();
			assertThat(kubeHealth.getStatus()).isEqualTo(Status.UP);
			assertThat(kubeHealth.getDetails()).containsEntry("keys", 1);
		});
	}

	@Test
	void readinessIsHeldOnlyWithBootsApplicationAvailability() {
		this.contextRunner.withPropertyValues(PROVIDER)
			.run((context) -> assertThat(context).doesNotHaveBean(JwtKeysReadiness.class));
		this.contextRunner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues(PROVIDER)
			.run((context) -> assertThat(context).hasSingleBean(JwtKeysReadiness.class));
	}

	@Test
	void prefetchTimeoutNotPositiveFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(PROVIDER)
			.withPropertyValues("jwt.jwks.prefetch-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.jwks.prefetch-timeout"));
	}

	@Test
	void prefetchedProviderWithoutKeysIsDownNotUnknown() {
		this.contextRunner
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.uri=http://127.0.0.1:9/jwks.json", "jwt.providers.corp.jwks.prefetch=true",
					"jwt.providers.lazy.issuer=https://lazy.example",
					"jwt.providers.lazy.jwks.uri=http://127.0.0.1:9/jwks.json")
			.run((context) -> {
				CompositeHealthContributor health = context.getBean("jwtHealthContributor",
						CompositeHealthContributor.class);
				assertThat(((HealthIndicator) health.getContributor("corp")).health().getStatus())
					.isEqualTo(Status.DOWN);
				assertThat(((HealthIndicator) health.getContributor("lazy")).health().getStatus())
					.isEqualTo(Status.UNKNOWN);
			});
	}

	@Test
	void starterIsInertWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(JwtVerificationMetrics.class);
			assertThat(context).doesNotHaveBean(JwksFetchMetrics.class);
			assertThat(context).doesNotHaveBean("jwtVerifiedTokenCacheMetrics");
			assertThat(context).doesNotHaveBean("jwtHealthContributor");
		});
	}

	@Test
	void metricsBackOffWithoutAMeterRegistry() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JwtAutoConfiguration.class, JwtObservabilityAutoConfiguration.class))
			.withPropertyValues(PROVIDER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtVerificationMetrics.class);
				assertThat(context).doesNotHaveBean(JwksFetchMetrics.class);
				assertThat(context).doesNotHaveBean("jwtVerifiedTokenCacheMetrics");
				assertThat(context).hasBean("jwtHealthContributor");
			});
	}

	@Test
	void metricsBackOffWhenMicrometerIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues(PROVIDER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtVerificationMetrics.class);
				assertThat(context).doesNotHaveBean(JwksFetchMetrics.class);
				assertThat(context).hasBean("jwtHealthContributor");
			});
	}

	@Test
	void healthBacksOffWhenSpringBootHealthIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues(PROVIDER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("jwtHealthContributor");
				assertThat(context).hasSingleBean(JwtVerificationMetrics.class);
			});
	}

	@Test
	void healthContributorIsDisabledByProperty() {
		this.contextRunner.withPropertyValues(PROVIDER)
			.withPropertyValues("management.health.jwt.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("jwtHealthContributor");
				assertThat(context).hasSingleBean(JwtVerificationMetrics.class);
			});
	}

	@Test
	void cacheMetricsNeedTheVerifiedTokenCache() {
		this.contextRunner.withPropertyValues(PROVIDER).withPropertyValues("jwt.cache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("jwtVerifiedTokenCacheMetrics");
			assertThat(context).hasSingleBean(JwtVerificationMetrics.class);
		});
	}

	@Test
	void userBeansReplaceTheStarterOnes() {
		this.contextRunner.withUserConfiguration(UserObservabilityConfiguration.class)
			.withPropertyValues(PROVIDER)
			.run((context) -> {
				assertThat(context).getBean(JwtVerificationMetrics.class)
					.isSameAs(context.getBean(UserObservabilityConfiguration.class).verificationMetrics);
				assertThat(context).getBean(JwksFetchMetrics.class)
					.isSameAs(context.getBean(UserObservabilityConfiguration.class).fetchMetrics);
				assertThat(context).getBean("jwtHealthContributor").isInstanceOf(HealthIndicator.class);
			});
	}

	@Test
	void verificationAndCacheMetersAreInTheAutoConfiguredRegistry() {
		this.contextRunner.withPropertyValues(PROVIDER).run((context) -> {
			JwtVerifier verifier = context.getBean(JwtVerifier.class);
			String token = TestJwts.issuer("kubernetes").subject("svc").noExpiry().signWith(KEY);
			verifier.verify(token, (provider) -> true);
			verifier.verify(token, (provider) -> true);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("jwt.verifications")
				.tags("provider", "kube", "outcome", "success", "cache", "hit")
				.timer()
				.count()).isOne();
			assertThat(registry.get("cache.gets")
				.tags("cache", "jwt.verified-tokens", "result", "hit")
				.functionCounter()
				.count()).isOne();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserObservabilityConfiguration {

		final JwtVerificationMetrics verificationMetrics = new JwtVerificationMetrics(new SimpleMeterRegistry());

		final JwksFetchMetrics fetchMetrics = new JwksFetchMetrics(new SimpleMeterRegistry());

		@Bean
		JwtVerificationMetrics userVerificationMetrics() {
			return this.verificationMetrics;
		}

		@Bean
		JwksFetchMetrics userFetchMetrics() {
			return this.fetchMetrics;
		}

		@Bean
		HealthIndicator jwtHealthContributor() {
			return () -> Health.up().build();
		}

	}

}
