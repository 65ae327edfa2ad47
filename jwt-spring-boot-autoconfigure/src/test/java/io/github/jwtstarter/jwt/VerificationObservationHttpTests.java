package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifications and key fetches as Micrometer observations, recorded by a
 * {@link TestObservationRegistry} through real HTTP requests against a real JWKS
 * endpoint: one {@code jwt.verification} per verification that is not a cache hit, with
 * the provider, outcome and reason as low-cardinality tags, and one
 * {@code jwt.jwks.fetch} per key fetch, inside the verification that needed the keys; a
 * cache hit adds none.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(VerificationObservationHttpTests.ObservationConfiguration.class)
abstract class VerificationObservationHttpTests {

	static final String ISSUER = "https://corp.example";

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static JwksServer idp;

	@LocalServerPort
	int port;

	@Autowired
	TestObservationRegistry observations;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		idp = JwksServer.start(KEY);
		JwksServer server = idp;
		registry.add("jwt.providers.corp.issuer", () -> ISSUER);
		registry.add("jwt.providers.corp.jwks.uri", server::jwksUri);
	}

	@AfterAll
	static void stop() {
		idp.close();
	}

	@BeforeEach
	void clear() {
		this.http = new TestHttp(this.port);
		this.observations.clear();
	}

	@Test
	void firstVerificationAndItsKeyFetchAreObservedAndACacheHitIsNot() {
		String token = TestJwts.issuer(ISSUER).subject("alice").signWith(KEY);
		assertOk(this.http.get("/anything", token));
		Observation.Context verification = awaitSingle(JwtVerifier.OBSERVATION_NAME);
		assertThat(verification.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("jwt.provider", "corp"), KeyValue.of("outcome", "success"), KeyValue.of("reason", "none"));
		Observation.Context fetch = awaitSingle("jwt.jwks.fetch");
		assertThat(fetch.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("jwt.provider", "corp"),
				KeyValue.of("outcome", "success"));
		assertThat(name(fetch.getParentObservation())).as("the fetch is inside the verification")
			.isEqualTo(JwtVerifier.OBSERVATION_NAME);
		Observation.Context request = awaitSingle("http.client.requests");
		assertThat(name(request.getParentObservation())).as("Spring's client request is inside the fetch")
			.isEqualTo("jwt.jwks.fetch");
		assertVerificationParent(verification);
		this.observations.clear();
		assertOk(this.http.get("/anything", token));
		assertThat(named(JwtVerifier.OBSERVATION_NAME)).as("a cache hit is not observed").isEmpty();
		assertThat(named("jwt.jwks.fetch")).isEmpty();
	}

	@Test
	void rejectedTokenIsObservedWithItsReason() {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		String expired = TestJwts.issuer(ISSUER)
			.subject("alice")
			.issuedAt(issued)
			.expiresAt(issued.plus(Duration.ofMinutes(5)))
			.signWith(KEY);
		assertInvalidToken(this.http.get("/anything", expired), "expired");
		Observation.Context verification = awaitSingle(JwtVerifier.OBSERVATION_NAME);
		assertThat(verification.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("jwt.provider", "corp"), KeyValue.of("outcome", "failure"),
				KeyValue.of("reason", "expired"));
	}

	@Test
	void unknownIssuerIsObservedWithoutAProvider() {
		String token = TestJwts.issuer("https://unknown.example").subject("alice").signWith(KEY);
		assertInvalidToken(this.http.get("/anything", token), "unknown issuer");
		Observation.Context verification = awaitSingle(JwtVerifier.OBSERVATION_NAME);
		assertThat(verification.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("jwt.provider", "none"), KeyValue.of("outcome", "failure"),
				KeyValue.of("reason", "unknown_issuer"));
	}

	/**
	 * Checks where the verification sits in the request's observations.
	 * @param verification the verification's observation
	 */
	abstract void assertVerificationParent(Observation.Context verification);

	Observation.Context awaitSingle(String name) {
		await().atMost(Duration.ofSeconds(10)).until(() -> !named(name).isEmpty());
		List<Observation.Context> named = named(name);
		assertThat(named).hasSize(1);
		return named.get(0);
	}

	List<Observation.Context> named(String name) {
		List<Observation.Context> handled = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.observations).hasHandledContextsThatSatisfy(handled::addAll);
		return handled.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	static String name(ObservationView observation) {
		return (observation != null) ? observation.getContextView().getName() : null;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
