package io.github.jwtstarter.sample.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that is down: the gateway answers a verified request with its own 5xx,
 * never with a 401 that would blame the caller's token.
 * <p>
 * Written once for both gateway flavours: {@code WebMvcUpstreamDownTests}
 * (sample-gateway, Server Web MVC) and {@code ReactiveUpstreamDownTests}
 * (sample-gateway-reactive, Server WebFlux) run these scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class UpstreamDownTests {

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final String DOWN = "http://127.0.0.1:" + closedPort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry, corp::jwksUri, corp::jwksUri);
		registry.add("upstream.primary", () -> DOWN);
		registry.add("upstream.canary", () -> DOWN);
		registry.add("upstream.pets", () -> DOWN);
	}

	@AfterAll
	static void stopServers() {
		corp.close();
	}

	@Test
	void upstreamDownGivesTheGatewaysOwn5xxNot401() {
		String token = TestJwts.issuer("https://corp.example")
			.audience("sample-gateway")
			.subject("dave")
			.claim("org", "solo.io")
			.signWith(CORP_KEY);
		HttpResponse<String> response = new TestHttp(this.port).get("/greeting", token);
		assertThat(response.statusCode()).as(response.body()).isBetween(500, 599);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void upstreamDownStillRejectsAMissingTokenWith401() {
		TestHttp.assertTokenRequired(new TestHttp(this.port).get("/greeting"));
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
