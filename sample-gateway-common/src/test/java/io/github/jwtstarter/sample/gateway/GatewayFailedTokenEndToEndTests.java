package io.github.jwtstarter.sample.gateway;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.Curve;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream.Received;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.KUBE_ISSUER;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway never passes a failed token on: at a route whose policy is
 * {@code allow-missing-or-failed}, an expired token, a token signed by an unknown key and
 * a DPoP-bound token presented as a bearer token (a stolen one: the upstream could not
 * check its binding) continue anonymously, and the upstream receives none of them, in no
 * location, even from a provider with {@code keep-token: true}. Gateway Server Web MVC
 * here, Server WebFlux in {@code ReactiveGatewayFailedTokenEndToEndTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayFailedTokenEndToEndTests {

	static final JwksServer kube = JwksServer.start(KUBE_KEY);

	static final EchoUpstream optional = EchoUpstream.start("optional");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.registerCorp(registry);
		CorpAndKube.registerKube(registry, kube::jwksUri);
		registry.add("jwt.providers.kube.token-source.query-params", () -> "token");
		registry.add("jwt.routes[0].paths", () -> "/optional/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing-or-failed");
		registry.add("upstream.primary", optional::uri);
		registry.add("upstream.canary", optional::uri);
		registry.add("upstream.pets", optional::uri);
		for (String flavour : new String[] { "webmvc", "webflux" }) {
			String route = "spring.cloud.gateway.server." + flavour + ".routes[0].";
			registry.add(route + "id", () -> "optional");
			registry.add(route + "uri", optional::uri);
			registry.add(route + "predicates[0]", () -> "Path=/optional/**");
		}
	}

	@AfterAll
	static void stopServers() {
		kube.close();
		optional.close();
	}

	@BeforeEach
	void forgetRequests() {
		optional.reset();
	}

	static TestJwts kubeToken() {
		return TestJwts.issuer(KUBE_ISSUER).audience("sample-gateway").subject("system:serviceaccount:default:svc-a");
	}

	Received forwarded(String pathAndQuery, String... headers) {
		HttpResponse<String> response = new TestHttp(this.port).getWithHeaders(pathAndQuery, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(optional.received()).hasSize(1);
		return optional.received().get(0);
	}

	static void assertNoTrace(Received received, String token) {
		assertThat(received.header("authorization")).isEmpty();
		assertThat(received.header("dpop")).isEmpty();
		assertThat(received.contains(token.split("\\.")[1])).isFalse();
	}

	@Test
	void expiredTokenNeverReachesTheUpstream() {
		String token = kubeToken().issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(5)))
			.signWith(KUBE_KEY);
		assertNoTrace(forwarded("/optional/x", "Authorization", "Bearer " + token), token);
	}

	@Test
	void tokenSignedByAnUnknownKeyNeverReachesTheUpstreamInAnyLocation() {
		String token = kubeToken().signWith(TestKeys.rsa("kube-1"));
		Received received = forwarded("/optional/x?page=2&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		assertNoTrace(received, token);
		assertThat(received.target()).isEqualTo("/optional/x?page=2");
	}

	@Test
	void stolenDPoPBoundTokenPresentedAsBearerNeverReachesTheUpstream() {
		String token = kubeToken().claim("cnf", client.confirmation()).signWith(KUBE_KEY);
		assertNoTrace(forwarded("/optional/x", "Authorization", "Bearer " + token), token);
	}

	@Test
	void validTokenOfAKeepTokenProviderStillDoes() {
		String token = kubeToken().signWith(KUBE_KEY);
		assertThat(forwarded("/optional/x", "Authorization", "Bearer " + token).header("authorization"))
			.containsExactly("Bearer " + token);
	}

}
