package io.github.jwtstarter.matrix.scenarios;

import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ready only with keys ({@code jwks.prefetch}): the key endpoint answers 503 when the
 * application (or gateway) starts, so Boot's readiness state refuses traffic while
 * liveness stays correct; once the endpoint comes up the background fetch gets the keys,
 * readiness accepts traffic, and the first token verifies with no fetch of its own.
 * Readiness is read from Boot's {@link ApplicationAvailability}, which
 * {@code /actuator/health/readiness} reports (over HTTP in
 * {@code KeysReadinessHttpTests}).
 */
class ReadinessScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final JwksServer idp = JwksServer.start(KEY);

	@AfterAll
	static void stopServer() {
		idp.close();
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		// each runner's application starts against an endpoint that is down
		idp.failWith(503).resetCount();
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.uri", idp.jwksUri(),
				"jwt.providers.corp.jwks.prefetch", "true", "jwt.providers.corp.jwks.min-refresh-interval", "100ms",
				"jwt.jwks.prefetch-timeout", "5m");
	}

	@Test
	void readinessRefusesTrafficUntilPrefetchedKeysAreThereAndLivenessIsNeverAffected() {
		ApplicationAvailability availability = application().context().getBean(ApplicationAvailability.class);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		await().atMost(Duration.ofSeconds(10)).until(() -> idp.requestCount() >= 2);
		assertThat(availability.getReadinessState()).as("still without keys")
			.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		idp.healthy();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		int fetches = idp.requestCount();
		assertOk(http().get("/api/orders", TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY)));
		assertThat(idp.requestCount()).as("the first token needed no fetch").isEqualTo(fetches);
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

}
