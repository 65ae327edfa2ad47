package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TricklingHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWKS endpoint that trickles its whole response, status line included, one byte per
 * 400 ms (below the 1 s read timeout; the whole response would take over a minute): every
 * request for that provider is answered once the fetch is abandoned after connect plus
 * read timeout (1.5 s; the assertions allow 10 s for a busy machine), and requests for
 * another provider are served meanwhile.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowKeyEndpointHttpTests {

	static final RSAKey SLOW_KEY = TestKeys.rsa("slow-1");

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final TricklingHttpServer slow = TricklingHttpServer.start(Duration.ofMillis(400), SLOW_KEY);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.slow.issuer", () -> "https://slow.example");
		registry.add("jwt.providers.slow.jwks.uri", slow::jwksUri);
		registry.add("jwt.providers.slow.jwks.connect-timeout", () -> "500ms");
		registry.add("jwt.providers.slow.jwks.read-timeout", () -> "1s");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(CORP_KEY));
	}

	@AfterAll
	static void stop() {
		slow.close();
	}

	@Test
	void requestsWaitingOnATricklingEndpointAreAnsweredWithinTheTimeouts(CapturedOutput output) throws Exception {
		String corpToken = TestJwts.issuer("https://corp.example").subject("bob").signWith(CORP_KEY);
		assertOk(send(corpToken).get(10, TimeUnit.SECONDS));
		String token = TestJwts.issuer("https://slow.example").subject("alice").signWith(SLOW_KEY);
		List<CompletableFuture<HttpResponse<String>>> waiting = IntStream.range(0, 4)
			.mapToObj((i) -> send(token))
			.toList();
		assertOk(send(corpToken).get(5, TimeUnit.SECONDS));
		for (CompletableFuture<HttpResponse<String>> request : waiting) {
			HttpResponse<String> response = request.get(10, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValue("Bearer error=\"invalid_token\", error_description=\"unable to verify token\"");
		}
		assertThat(slow.connectionCount()).isPositive();
		HttpResponse<String> again = send(token).get(10, TimeUnit.SECONDS);
		assertThat(again.statusCode()).isEqualTo(401);
		assertOk(new TestHttp(this.port).get("/whoami", corpToken));
		assertThat(output.getAll().split("JWT provider 'slow': no usable keys", -1))
			.as("one warning, not one per request")
			.hasSize(2);
	}

	private CompletableFuture<HttpResponse<String>> send(String token) {
		return new TestHttp(this.port).getAsync("/whoami", "Authorization", "Bearer " + token);
	}

}
