package io.github.jwtstarter.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
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

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ready only with keys ({@code jwks.prefetch}), observed as Kubernetes does, through
 * {@code /actuator/health/readiness} and {@code /actuator/health/liveness} over real
 * HTTP: the key endpoint answers 503 when the application starts, so readiness refuses
 * traffic (liveness is up); once the endpoint comes up, the background fetch gets the
 * keys and readiness accepts traffic, and the first token verifies with no fetch of its
 * own.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class KeysReadinessHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

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
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", server::jwksUri);
		registry.add("jwt.providers.corp.jwks.prefetch", () -> "true");
		registry.add("jwt.providers.corp.jwks.min-refresh-interval", () -> "100ms");
		registry.add("jwt.jwks.prefetch-timeout", () -> "5m");
		probes(registry);
	}

	static void probes(DynamicPropertyRegistry registry) {
		registry.add("management.endpoint.health.probes.enabled", () -> "true");
		registry.add("management.endpoint.health.show-components", () -> "always");
		registry.add("management.endpoints.web.exposure.include", () -> "health");
		registry.add("jwt.routes[0].paths", () -> "/actuator/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	/**
	 * Returns the status of a component of {@code /actuator/health}.
	 * @param http the client
	 * @param component the path of the component, e.g. {@code jwt.components.corp}
	 * @return the status
	 */
	static String status(TestHttp http, String component) {
		return JsonPath.read(http.get("/actuator/health").body(), "$.components." + component + ".status");
	}

	@AfterAll
	static void stop() {
		idp.close();
	}

	@Test
	void readinessRefusesTrafficUntilPrefetchedKeysAreThereAndLivenessIsNeverAffected() {
		TestHttp http = new TestHttp(this.port);
		HttpResponse<String> readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
		assertOk(http.get("/actuator/health/liveness"));
		assertThat(status(http, "jwt")).isEqualTo("DOWN");
		await().atMost(Duration.ofSeconds(10)).until(() -> idp.requestCount() >= 2);
		idp.healthy();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertOk(http.get("/actuator/health/readiness")));
		assertOk(http.get("/actuator/health/liveness"));
		int fetches = idp.requestCount();
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
		assertOk(http.get("/anything", token));
		assertThat(idp.requestCount()).as("the first token needed no fetch").isEqualTo(fetches);
		assertThat(status(http, "jwt")).isEqualTo("UP");
	}

}
