package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound tokens (RFC 9449) over real HTTP: proofs signed by a client's EC key, tokens
 * signed by the identity provider's key, checked by the running application. Providers:
 * {@code corp} (DPoP allowed, the default), {@code strict} (required), {@code legacy}
 * (disabled), {@code small} (a replay cache of 50 proof ids) and {@code edge} (reached by
 * its clients at the public origin {@code https://api.example}).
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DPoPHttpTests {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	static final ECKey THIEF_KEY = TestKeys.ec("thief", Curve.P_256);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (String id : List.of("corp", "strict", "legacy", "small", "edge")) {
			registry.add("jwt.providers." + id + ".issuer", () -> "https://" + id + ".example");
			registry.add("jwt.providers." + id + ".jwks.local", () -> TestKeys.toPublicJwkSetJson(IDP_KEY));
		}
		registry.add("jwt.providers.strict.sender-constraint.dpop", () -> "required");
		registry.add("jwt.providers.legacy.sender-constraint.dpop", () -> "disabled");
		registry.add("jwt.providers.small.sender-constraint.dpop-replay-cache-size", () -> "50");
		registry.add("jwt.providers.edge.sender-constraint.public-origins", () -> "https://api.example");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static TestJwts token(String provider) {
		return TestJwts.issuer("https://" + provider + ".example").subject("alice");
	}

	static String boundToken(String provider) {
		return token(provider).claim("cnf", client.confirmation()).signWith(IDP_KEY);
	}

	HttpResponse<String> dpop(String method, String path, String token, String proof) {
		return this.http.sendWithHeaders(method, path, Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	HttpResponse<String> bearer(String path, String token) {
		return this.http.get(path, token);
	}

	@Test
	void boundTokenWithValidProofIsAccepted() {
		String token = boundToken("corp");
		HttpResponse<String> response = dpop("GET", "/api/orders", token,
				client.proof("GET", this.http.url("/api/orders"), token).sign());
		assertOk(response);
		assertThat(response.body()).contains("\"authenticated\":true", "\"name\":\"alice\"", "\"provider\":\"corp\"");
	}

	@Test
	void eachRequestOfACachedTokenNeedsItsOwnProof() {
		String token = boundToken("corp");
		for (int i = 0; i < 3; i++) {
			assertOk(dpop("POST", "/api/orders", token,
					client.proof("POST", this.http.url("/api/orders"), token).sign()));
		}
		assertDPoPChallenge(bearer("/api/orders", token), "invalid_token", "DPoP proof required");
	}

	@Test
	void replayedProofIsRejected() {
		String token = boundToken("corp");
		String proof = client.proof("GET", this.http.url("/api/orders"), token).sign();
		assertOk(dpop("GET", "/api/orders", token, proof));
		assertDPoPChallenge(dpop("GET", "/api/orders", token, proof), "invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void oneClientsFloodOfFreshProofsNeverLocksOtherClientsOut() {
		DPoPProofs flooder = DPoPProofs.withKey(TestKeys.ec("flooder", Curve.P_256));
		String flooderToken = token("small").subject("mallory").claim("cnf", flooder.confirmation()).signWith(IDP_KEY);
		String url = this.http.url("/api/orders");
		String firstProof = flooder.proof("GET", url, flooderToken).sign();
		assertOk(dpop("GET", "/api/orders", flooderToken, firstProof));
		int accepted = 1;
		for (int i = 0; i < 50; i++) {
			HttpResponse<String> response = dpop("GET", "/api/orders", flooderToken,
					flooder.proof("GET", url, flooderToken).sign());
			if (response.statusCode() == 200) {
				accepted++;
			}
			else {
				assertDPoPChallenge(response, "invalid_dpop_proof", "invalid DPoP proof");
			}
		}
		String token = boundToken("small");
		assertOk(dpop("GET", "/api/orders", token, client.proof("GET", url, token).sign()));
		assertThat(accepted).as("proofs of one client accepted out of a replay cache of 50").isEqualTo(5);
		assertDPoPChallenge(dpop("GET", "/api/orders", flooderToken, firstProof), "invalid_dpop_proof",
				"invalid DPoP proof");
	}

	@Test
	void proofForAnotherUrlIsRejected() {
		String token = boundToken("corp");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/payments"), token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token,
						client.proof("GET", "http://other.example:" + this.port + "/api/orders", token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void proofMadeForAnotherServiceReplayedWithThatServicesHostIsRefusedWhenPublicOriginsAreSet() {
		String serviceB = "http://b.example/api/orders";
		String corpToken = boundToken("corp");
		// without public-origins the URL is rebuilt from the Host header the client sent
		assertOk(dpopWithHost("/api/orders", corpToken, client.proof("GET", serviceB, corpToken).sign(), "b.example"));
		String edgeToken = boundToken("edge");
		assertDPoPChallenge(
				dpopWithHost("/api/orders", edgeToken, client.proof("GET", serviceB, edgeToken).sign(), "b.example"),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", edgeToken,
						client.proof("GET", this.http.url("/api/orders"), edgeToken).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertOk(dpop("GET", "/api/orders?page=2", edgeToken,
				client.proof("GET", "https://api.example/api/orders", edgeToken).sign()));
		assertOk(dpopWithHost("/api/orders", edgeToken,
				client.proof("GET", "https://api.example/api/orders", edgeToken).sign(), "b.example"));
	}

	HttpResponse<String> dpopWithHost(String path, String token, String proof, String host) {
		return this.http.sendWithHeaders("GET", path,
				Map.of("Authorization", "DPoP " + token, "DPoP", proof, "Host", host));
	}

	@Test
	void proofForAnotherMethodIsRejected() {
		String token = boundToken("corp");
		assertDPoPChallenge(
				dpop("DELETE", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void proofUrlIgnoresQueryAndNormalizesSchemeAndHostCase() {
		String token = boundToken("corp");
		assertOk(dpop("GET", "/api/orders?page=2", token,
				client.proof("GET", "HTTP://127.0.0.1:" + this.port + "/api/orders", token).sign()));
	}

	@Test
	void proofForAnotherAccessTokenIsRejected() {
		String token = boundToken("corp");
		String otherToken = token("corp").subject("bob").claim("cnf", client.confirmation()).signWith(IDP_KEY);
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), otherToken).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token,
						client.proof("GET", this.http.url("/api/orders"), token).ath(null).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void stolenTokenWithAProofFromAnotherKeyIsRejected() {
		String token = boundToken("corp");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token,
						client.proof("GET", this.http.url("/api/orders"), token).signedBy(THIEF_KEY).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void staleOrFutureOrUntypedProofIsRejected() {
		String token = boundToken("corp");
		String url = this.http.url("/api/orders");
		List<String> proofs = List.of(
				client.proof("GET", url, token).issuedAt(Instant.now().minus(Duration.ofMinutes(5))).sign(),
				client.proof("GET", url, token).issuedAt(Instant.now().plus(Duration.ofMinutes(5))).sign(),
				client.proof("GET", url, token).issuedAt(null).sign(),
				client.proof("GET", url, token).type("JWT").sign(), token, "not-a-jwt");
		for (String proof : proofs) {
			assertDPoPChallenge(dpop("GET", "/api/orders", token, proof), "invalid_dpop_proof", "invalid DPoP proof");
		}
	}

	@Test
	void dpopSchemeWithoutProofHeaderIsRejected() {
		String token = boundToken("corp");
		assertDPoPChallenge(this.http.sendWithHeaders("GET", "/api/orders", Map.of("Authorization", "DPoP " + token)),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	@Test
	void boundTokenPresentedAsBearerIsRejectedWithDPoPChallenge() {
		assertDPoPChallenge(bearer("/api/orders", boundToken("corp")), "invalid_token", "DPoP proof required");
	}

	@Test
	void unboundBearerTokenIsStillAcceptedWhenDPoPIsAllowed() {
		assertOk(bearer("/api/orders", token("corp").signWith(IDP_KEY)));
	}

	@Test
	void unboundTokenWithDPoPSchemeIsRejected() {
		String token = token("corp").signWith(IDP_KEY);
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), token).sign()),
				"invalid_token", "DPoP-bound token required");
	}

	@Test
	void requiredModeRejectsPlainBearerTokenAndAcceptsDPoP() {
		assertDPoPChallenge(bearer("/api/orders", token("strict").signWith(IDP_KEY)), "invalid_token",
				"DPoP-bound token required");
		String token = boundToken("strict");
		assertOk(dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), token).sign()));
	}

	@Test
	void disabledModeRefusesTheDPoPSchemeAndBoundTokens() {
		String token = boundToken("legacy");
		assertDPoPChallenge(
				dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), token).sign()),
				"invalid_token", "issuer not allowed here");
		assertInvalidToken(bearer("/api/orders", token), "DPoP not accepted");
		assertOk(bearer("/api/orders", token("legacy").signWith(IDP_KEY)));
	}

	@Test
	void malformedConfirmationClaimIsRejected() {
		Map<String, Object> jktNumber = Map.of("jkt", 42);
		Map<String, Object> x5tList = Map.of("x5t#S256", List.of("abc"));
		Map<String, Object> unknownMember = Map.of("jwk", Map.of("kty", "EC"));
		Map<String, Object> emptyJkt = Map.of("jkt", "");
		List<Object> malformed = List.of("bound", 42, true, List.of("jkt"), Map.of(), jktNumber, x5tList, unknownMember,
				emptyJkt);
		for (Object cnf : malformed) {
			String token = token("corp").claim("cnf", cnf).signWith(IDP_KEY);
			assertInvalidToken(bearer("/api/orders", token), "invalid confirmation claim");
			assertDPoPChallenge(
					dpop("GET", "/api/orders", token, client.proof("GET", this.http.url("/api/orders"), token).sign()),
					"invalid_token", "invalid confirmation claim");
		}
	}

	@Test
	void certificateBoundTokenOverPlainHttpIsRejected() {
		String token = token("corp").claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
			.signWith(IDP_KEY);
		assertInvalidToken(bearer("/api/orders", token), "client certificate does not match");
	}

}
