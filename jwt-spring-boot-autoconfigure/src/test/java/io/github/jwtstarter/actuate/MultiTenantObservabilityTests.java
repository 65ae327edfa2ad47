package io.github.jwtstarter.actuate;

import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtObservabilityAutoConfiguration;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.RealmsServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Metrics and health of multi-tenant providers, against a Keycloak-shaped identity
 * provider on loopback: the {@code tenant} tag is the tenant only when an allow-list
 * names it, and a provider's health summarises its tenants, never turning {@code DOWN}
 * because of tenants that tokens made up.
 */
class MultiTenantObservabilityTests {

	static final RSAKey ACME_KEY = TestKeys.rsa("acme-1");

	static final RSAKey PARTNER_KEY = TestKeys.rsa("p-one-1");

	static final RSAKey SHARED_KEY = TestKeys.rsa("shared-1");

	static RealmsServer keycloak;

	static RealmsServer partners;

	static JwksServer shared;

	static ConfigurableApplicationContext context;

	static JwtVerifier verifier;

	@BeforeAll
	static void start() {
		keycloak = RealmsServer.start().realm("acme", ACME_KEY);
		partners = RealmsServer.start().realm("p-one", PARTNER_KEY);
		shared = JwksServer.start(SHARED_KEY);
		context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("jwt.providers.customers.issuer=" + keycloak.issuerTemplate(),
					"jwt.providers.customers.tenants=acme,umbrella",
					"jwt.providers.outage.issuer=" + keycloak.issuerTemplate(), "jwt.providers.outage.tenants=ghost",
					"jwt.providers.partners.issuer=" + partners.issuerTemplate(),
					"jwt.providers.shared.issuer=" + shared.uri() + "/{tenant}/v2.0",
					"jwt.providers.shared.jwks.uri=" + shared.jwksUri(), "jwt.providers.shared.max-tenants=7",
					"jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.local=" + TestKeys.toPem(ACME_KEY))
			.run();
		verifier = context.getBean(JwtVerifier.class);
	}

	@AfterAll
	static void stop() {
		context.close();
		keycloak.close();
		partners.close();
		shared.close();
	}

	static void verify(String token) {
		catchThrowableOfType(JwtVerificationException.class, () -> verifier.verify(token, (provider) -> true));
	}

	static double count(String provider, String tenant, String outcome) {
		return context.getBean(MeterRegistry.class)
			.find(JwtVerificationMetrics.METRIC_NAME)
			.tags("provider", provider, "tenant", tenant, "outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	static Health health(String provider) {
		CompositeHealthContributor contributor = context.getBean("jwtHealthContributor",
				CompositeHealthContributor.class);
		return ((HealthIndicator) contributor.getContributor(provider)).health();
	}

	@Test
	void tenantTagIsTheTenantOnlyWhenAnAllowListNamesIt() {
		verify(TestJwts.issuer(keycloak.issuer("acme")).subject("alice").signWith(ACME_KEY));
		verify(TestJwts.issuer(partners.issuer("p-one")).subject("bob").signWith(PARTNER_KEY));
		verify(TestJwts.issuer(partners.issuer("made-up-" + System.nanoTime())).subject("x").signWith(PARTNER_KEY));
		verify(TestJwts.issuer("https://corp.example").subject("dave").signWith(ACME_KEY));
		verify(TestJwts.issuer(keycloak.issuer("initech")).subject("x").signWith(ACME_KEY));
		assertThat(count("customers", "acme", "success")).isPositive();
		assertThat(count("partners", "other", "success")).isPositive();
		assertThat(count("partners", "other", "keys_unavailable")).isPositive();
		assertThat(count("corp", "none", "success")).isPositive();
		assertThat(count("none", "none", "unknown_issuer")).isPositive();
		List<String> tenants = context.getBean(MeterRegistry.class)
			.find(JwtVerificationMetrics.METRIC_NAME)
			.timers()
			.stream()
			.map((timer) -> timer.getId().getTag("tenant"))
			.distinct()
			.toList();
		// allow-listed tenants (also those of other tests), never one that a token made
		// up
		assertThat(tenants).contains("acme", "other", "none").isSubsetOf("acme", "umbrella", "ghost", "other", "none");
	}

	@Test
	void healthSummarisesTheTenantsOfAProvider() {
		assertThat(health("customers").getStatus()).isIn(Status.UNKNOWN, Status.UP);
		verify(TestJwts.issuer(keycloak.issuer("acme")).subject("alice").signWith(ACME_KEY));
		verify(TestJwts.issuer(keycloak.issuer("umbrella")).subject("alice").signWith(ACME_KEY));
		Health customers = health("customers");
		assertThat(customers.getStatus()).isEqualTo(Status.UP);
		assertThat(customers.getDetails()).containsEntry("tenants", 2)
			.containsEntry("maxTenants", 100)
			.containsEntry("up", 1)
			.containsEntry("down", 1)
			.containsEntry("downTenants", List.of("umbrella"));
	}

	@Test
	void allowListedTenantsThatAllFailAreDown() {
		assertThat(health("outage").getStatus()).isEqualTo(Status.UNKNOWN);
		verify(TestJwts.issuer(keycloak.issuer("ghost")).subject("alice").signWith(ACME_KEY));
		Health outage = health("outage");
		assertThat(outage.getStatus()).isEqualTo(Status.DOWN);
		assertThat(outage.getDetails()).containsEntry("down", 1).containsEntry("downTenants", List.of("ghost"));
	}

	@Test
	void tenantsMadeUpByTokensNeverTurnHealthDown() {
		for (int i = 0; i < 3; i++) {
			verify(TestJwts.issuer(partners.issuer("ghost-" + i)).subject("x").signWith(PARTNER_KEY));
		}
		Health partnersHealth = health("partners");
		assertThat(partnersHealth.getStatus()).isIn(Status.UP, Status.UNKNOWN);
		assertThat(partnersHealth.getDetails()).doesNotContainKey("downTenants");
		assertThat((int) partnersHealth.getDetails().get("down")).isGreaterThanOrEqualTo(3);
	}

	@Test
	void sharedKeySetHealthIsThatOfTheSharedKeys() {
		verify(TestJwts.issuer(shared.uri() + "/t1/v2.0").subject("carol").signWith(SHARED_KEY));
		Health sharedHealth = health("shared");
		assertThat(sharedHealth.getStatus()).isEqualTo(Status.UP);
		assertThat(sharedHealth.getDetails()).containsEntry("keys", 1)
			.containsEntry("source", "remote")
			.containsEntry("tenants", 1)
			.containsEntry("maxTenants", 7);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JwtAutoConfiguration.class, JwtObservabilityAutoConfiguration.class,
			MetricsAutoConfiguration.class })
	static class Config {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
