package io.github.jwtstarter.matrix.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifications and key fetches as Micrometer observations, seen by a handler added to
 * the application's {@link ObservationRegistry} (Boot's, as with Actuator): one
 * {@code jwt.verification} per verification that is not a cache hit, tagged with the
 * provider, outcome and reason, a child of Spring Security's filter chain observation (so
 * a span of the request's trace); one {@code jwt.jwks.fetch} per key fetch, inside the
 * verification that needed the keys; a cache hit adds none.
 */
class ObservationScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final JwksServer corp = JwksServer.start(KEY);

	static final JwksServer fresh = JwksServer.start(KEY);

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private @Nullable ObservationRegistry recorded;

	@AfterAll
	static void stopServers() {
		corp.close();
		fresh.close();
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.uri", corp.jwksUri(),
				"jwt.providers.fresh.issuer", "https://fresh.example", "jwt.providers.fresh.jwks.uri", fresh.jwksUri());
	}

	@BeforeEach
	void recordObservations() {
		ObservationRegistry registry = application().context().getBean(ObservationRegistry.class);
		if (registry != this.recorded) {
			registry.observationConfig().observationHandler(new Recorder());
			this.recorded = registry;
		}
		this.stopped.clear();
	}

	@Test
	void verificationIsObservedWithItsProviderAndOutcomeAndACacheHitIsNot() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
		assertOk(http().get("/api/orders", token));
		Observation.Context verification = awaitSingle("jwt.verification");
		assertThat(verification.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("jwt.provider", "corp"), KeyValue.of("outcome", "success"), KeyValue.of("reason", "none"));
		assertThat(verification.getParentObservation()).as("inside the request's observations").isNotNull();
		assertThat(verification.getParentObservation().getContextView().getName())
			.isEqualTo("spring.security.filterchains");
		this.stopped.clear();
		assertOk(http().get("/api/orders", token));
		assertThat(named("jwt.verification")).as("a cache hit is not observed").isEmpty();
	}

	@Test
	void rejectedTokenIsObservedWithItsReason() {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		assertInvalidToken(http().get("/api/orders",
				TestJwts.issuer("https://corp.example")
					.subject("alice")
					.issuedAt(issued)
					.expiresAt(issued.plus(Duration.ofMinutes(5)))
					.signWith(KEY)),
				"expired");
		assertThat(awaitSingle("jwt.verification").getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("jwt.provider", "corp"), KeyValue.of("outcome", "failure"),
				KeyValue.of("reason", "expired"));
		received().assertNone();
	}

	@Test
	void keyFetchIsObservedInsideTheVerificationThatNeededIt() {
		assertOk(http().get("/api/orders", TestJwts.issuer("https://fresh.example").subject("alice").signWith(KEY)));
		Observation.Context fetch = awaitSingle("jwt.jwks.fetch");
		assertThat(fetch.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("jwt.provider", "fresh"),
				KeyValue.of("outcome", "success"));
		assertThat(fetch.getParentObservation()).isNotNull();
		assertThat(fetch.getParentObservation().getContextView().getName()).isEqualTo("jwt.verification");
	}

	private Observation.Context awaitSingle(String name) {
		await().atMost(Duration.ofSeconds(10)).until(() -> !named(name).isEmpty());
		List<Observation.Context> named = named(name);
		assertThat(named).hasSize(1);
		return named.get(0);
	}

	private List<Observation.Context> named(String name) {
		return this.stopped.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	private final class Recorder implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			ObservationScenarios.this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
