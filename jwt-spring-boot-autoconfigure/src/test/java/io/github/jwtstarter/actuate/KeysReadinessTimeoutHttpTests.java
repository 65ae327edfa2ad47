package io.github.jwtstarter.actuate;

import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The startup wait is bounded ({@code jwt.jwks.prefetch-timeout}, set globally with
 * {@code jwt.jwks.prefetch}): with a key endpoint that stays down, readiness accepts
 * traffic once the wait has passed, the provider's health is {@code DOWN}, its tokens are
 * rejected with 401 and, as without prefetch, verify as soon as the endpoint is back.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class KeysReadinessTimeoutHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final RSAKey LOCAL_KEY = TestKeys.rsa("local-1");

	/**
	 * The key endpoint of the current subclass's application: each stack starts its own.
	 */
	static JwksServer idp;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		idp = JwksServer.start(KEY).failWith(503);
		JwksServer server = idp;
		registry.add("jwt.jwks.prefetch", () -> "true");
		registry.add("jwt.jwks.prefetch-timeout", () -> "2s");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", server::jwksUri);
		registry.add("jwt.providers.corp.jwks.min-refresh-interval", () -> "100ms");
		registry.add("jwt.providers.local.issuer", () -> "https://local.example");
		registry.add("jwt.providers.local.jwks.local", () -> TestKeys.toPublicJwkSetJson(LOCAL_KEY));
		KeysReadinessHttpTests.probes(registry);
	}

	@AfterAll
	static void stop() {
		idp.close();
	}

	@Test
	void readinessAcceptsTrafficOnceTheWaitHasPassedAndTheProviderWithoutKeysIsDown() {
		TestHttp http = new TestHttp(this.port);
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertOk(http.get("/actuator/health/readiness")));
		assertOk(http.get("/actuator/health/liveness"));
		assertThat(KeysReadinessHttpTests.status(http, "jwt.components.corp")).isEqualTo("DOWN");
		assertThat(KeysReadinessHttpTests.status(http, "jwt.components.local")).isEqualTo("UP");
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
		assertInvalidToken(http.get("/anything", token), "unable to verify token");
		String localToken = TestJwts.issuer("https://local.example").subject("bob").signWith(LOCAL_KEY);
		assertOk(http.get("/anything", localToken));
		idp.healthy();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertOk(http.get("/anything", token)));
		assertThat(KeysReadinessHttpTests.status(http, "jwt.components.corp")).isEqualTo("UP");
	}

}
