package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound tokens (RFC 9449): accepted with a fresh proof for the request's method and
 * URL (as the client addressed the application or the gateway), refused without one, with
 * a replayed one, or with one for another URL; a provider with {@code dpop: required}
 * refuses bearer tokens; a malformed {@code cnf} is a 401.
 */
class DPoPScenarios extends MatrixScenarios {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(IDP_KEY), "jwt.providers.strict.issuer", "https://strict.example",
				"jwt.providers.strict.jwks.local", TestKeys.toPublicJwkSetJson(IDP_KEY),
				"jwt.providers.strict.sender-constraint.dpop", "required");
	}

	static String boundToken(String provider) {
		return TestJwts.issuer("https://" + provider + ".example")
			.subject("alice")
			.claim("cnf", client.confirmation())
			.signWith(IDP_KEY);
	}

	HttpResponse<String> dpop(String method, String path, String token, String proof) {
		return http().sendWithHeaders(method, path, Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	@Test
	void boundTokenWithAProofForTheRequestIsAccepted() {
		String token = boundToken("corp");
		assertOk(dpop("POST", "/api/orders", token, client.proof("POST", url("/api/orders"), token).sign()));
		assertThat(received().only().method()).isEqualTo("POST");
	}

	@Test
	void boundTokenWithoutAProofIsRefusedWithADPoPChallenge() {
		assertDPoPChallenge(http().get("/api/orders", boundToken("corp")), "invalid_token", "DPoP proof required");
		received().assertNone();
	}

	@Test
	void replayedProofAndProofForAnotherUrlAreRefused() {
		String token = boundToken("corp");
		String proof = client.proof("GET", url("/api/orders"), token).sign();
		assertOk(dpop("GET", "/api/orders", token, proof));
		assertDPoPChallenge(dpop("GET", "/api/orders", token, proof), "invalid_dpop_proof", "invalid DPoP proof");
		assertDPoPChallenge(dpop("GET", "/api/orders", token, client.proof("GET", url("/api/payments"), token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertThat(received().all()).hasSize(1);
	}

	@Test
	void providerRequiringDPoPRefusesABearerToken() {
		String unbound = TestJwts.issuer("https://strict.example").subject("alice").signWith(IDP_KEY);
		HttpResponse<String> response = http().get("/api/orders", unbound);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("DPoP "));
		received().assertNone();
	}

	@Test
	void malformedConfirmationIsA401() {
		String token = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf", "not-an-object")
			.signWith(IDP_KEY);
		assertInvalidToken(http().get("/api/orders", token));
		received().assertNone();
	}

}
