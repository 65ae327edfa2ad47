package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TricklingHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key endpoints that fail: one answering 500, one serving an oversized document, and one
 * trickling its response a byte at a time. Requests for those providers get a 401 within
 * the configured timeouts, never a 5xx, and requests for a healthy provider are served
 * meanwhile.
 */
class JwksFaultScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("k-1");

	static final JwksServer failing = JwksServer.start(KEY).failWith(500);

	static final JwksServer huge = JwksServer.start(KEY).respondHuge(200_000);

	static final TricklingHttpServer trickling = TricklingHttpServer.start(Duration.ofMillis(400), KEY);

	@AfterAll
	static void stopServers() {
		failing.close();
		huge.close();
		trickling.close();
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.failing.issuer", "https://failing.example", "jwt.providers.failing.jwks.uri",
				failing.jwksUri(), "jwt.providers.huge.issuer", "https://huge.example", "jwt.providers.huge.jwks.uri",
				huge.jwksUri(), "jwt.providers.slow.issuer", "https://slow.example", "jwt.providers.slow.jwks.uri",
				trickling.jwksUri(), "jwt.providers.slow.jwks.connect-timeout", "500ms",
				"jwt.providers.slow.jwks.read-timeout", "1s", "jwt.providers.healthy.issuer", "https://healthy.example",
				"jwt.providers.healthy.jwks.local", TestKeys.toPublicJwkSetJson(KEY));
	}

	static String token(String provider) {
		return TestJwts.issuer("https://" + provider + ".example").subject("alice").signWith(KEY);
	}

	@Test
	void failingKeyEndpointGivesA401NotA5xx() {
		assertInvalidToken(http().get("/api/orders", token("failing")), "unable to verify token");
		assertThat(failing.requestCount()).isPositive();
		received().assertNone();
	}

	@Test
	void oversizedKeyDocumentIsRefusedWithA401() {
		assertInvalidToken(http().get("/api/orders", token("huge")), "unable to verify token");
		received().assertNone();
	}

	@Test
	void requestsWaitingOnATricklingEndpointAreAnsweredWithinTheTimeoutsWhileOthersAreServed() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> waiting = IntStream.range(0, 3)
			.mapToObj((i) -> http().getAsync("/api/orders", "Authorization", "Bearer " + token("slow")))
			.toList();
		assertOk(http().getAsync("/api/healthy", "Authorization", "Bearer " + token("healthy"))
			.get(5, TimeUnit.SECONDS));
		for (CompletableFuture<HttpResponse<String>> request : waiting) {
			assertInvalidToken(request.get(10, TimeUnit.SECONDS), "unable to verify token");
		}
		assertThat(trickling.connectionCount()).isPositive();
		assertThat(received().only().target()).isEqualTo("/api/healthy");
	}

}
