package io.github.jwtstarter.matrix.scenarios;

import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics with Actuator and Micrometer on the class path: the {@code jwt}
 * health contributor has one indicator per provider (up once its keys are fetched, down
 * when its endpoint fails and no key was ever fetched), and verifications and key fetches
 * are counted by provider and outcome.
 */
class HealthAndMetricsScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final JwksServer corp = JwksServer.start(KEY);

	static final JwksServer broken = JwksServer.start(KEY).failWith(503);

	@AfterAll
	static void stopServers() {
		corp.close();
		broken.close();
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.uri", corp.jwksUri(),
				"jwt.providers.broken.issuer", "https://broken.example", "jwt.providers.broken.jwks.uri",
				broken.jwksUri());
	}

	Health health(String provider) {
		CompositeHealthContributor jwt = application().context()
			.getBean("jwtHealthContributor", CompositeHealthContributor.class);
		return ((HealthIndicator) jwt.getContributor(provider)).health();
	}

	@Test
	void providerHealthFollowsItsKeys() {
		assertOk(http().get("/api/orders", TestJwts.issuer("https://corp.example").subject("a").signWith(KEY)));
		assertInvalidToken(
				http().get("/api/orders", TestJwts.issuer("https://broken.example").subject("a").signWith(KEY)));
		assertThat(health("corp").getStatus()).isEqualTo(Status.UP);
		assertThat(health("broken").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void verificationsAndFetchesAreCountedByProviderAndOutcome() {
		MeterRegistry meters = application().context().getBean(MeterRegistry.class);
		String token = TestJwts.issuer("https://corp.example").subject("a").signWith(KEY);
		assertOk(http().get("/api/orders", token));
		assertOk(http().get("/api/orders", token));
		long successes = meters.get("jwt.verifications")
			.tags("provider", "corp", "outcome", "success")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
		assertThat(successes).isGreaterThanOrEqualTo(2L);
		assertThat(meters.get("jwt.jwks.fetches").tags("provider", "corp", "result", "success").counter().count())
			.isPositive();
	}

}
