package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixApplication;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-provided DPoP nonces (RFC 9449 section 8, {@code dpop-nonce-required}): a proof
 * without the provider's nonce is answered {@code 401 use_dpop_nonce} with a fresh nonce
 * in {@code DPoP-Nonce} and reaches nothing; the client's retry with that nonce passes; a
 * nonce one instance issued passes at another instance given the same secret (no shared
 * state); a forged nonce is answered like a missing one; bearer tokens need no nonce.
 */
class DPoPNonceScenarios extends MatrixScenarios {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	static final String SECRET = "matrix-dpop-nonce-secret-of-48-bytes-0123456789";

	private Map<String, String> properties = Map.of();

	/**
	 * The second instance, started once per runner and closed after the first (see
	 * {@link DPoPReplayStoreScenarios}).
	 */
	private @Nullable MatrixApplication other;

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		this.properties = pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(IDP_KEY), "jwt.providers.corp.sender-constraint.dpop-nonce-required",
				"true", "jwt.providers.corp.sender-constraint.dpop-nonce-secret", SECRET);
		return this.properties;
	}

	@AfterParameterizedClassInvocation
	void closeOther() {
		if (this.other != null) {
			this.other.close();
			this.other = null;
		}
	}

	static String boundToken(String subject) {
		return TestJwts.issuer("https://corp.example")
			.subject(subject)
			.claim("cnf", client.confirmation())
			.signWith(IDP_KEY);
	}

	static HttpResponse<String> dpop(TestHttp http, String token, String proof) {
		return http.sendWithHeaders("GET", "/api/orders", Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	static String nonceOf(HttpResponse<String> response) {
		assertDPoPChallenge(response, "use_dpop_nonce", "DPoP nonce required");
		assertThat(response.headers().allValues("DPoP-Nonce")).singleElement().asString().matches("[A-Za-z0-9_-]{43}");
		return response.headers().firstValue("DPoP-Nonce").orElseThrow();
	}

	@Test
	void proofWithoutTheServersNonceIsAnsweredWithOneAndTheRetryWithItPasses() {
		String token = boundToken("alice");
		String nonce = nonceOf(dpop(http(), token, client.proof("GET", url("/api/orders"), token).sign()));
		received().assertNone();
		assertOk(dpop(http(), token, client.proof("GET", url("/api/orders"), token).nonce(nonce).sign()));
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

	@Test
	void forgedNonceIsAnsweredWithAFreshOne() {
		String token = boundToken("alice");
		String nonce = nonceOf(dpop(http(), token, client.proof("GET", url("/api/orders"), token).sign()));
		String forged = nonce.substring(0, 30) + ((nonce.charAt(30) == 'A') ? 'g' : 'A') + nonce.substring(31);
		String fresh = nonceOf(
				dpop(http(), token, client.proof("GET", url("/api/orders"), token).nonce(forged).sign()));
		received().assertNone();
		assertOk(dpop(http(), token, client.proof("GET", url("/api/orders"), token).nonce(fresh).sign()));
	}

	@Test
	void nonceIssuedByOneInstanceIsAcceptedByAnotherWithTheSameSecret() {
		if (this.other == null) {
			this.other = runner().start(new LinkedHashMap<>(this.properties));
		}
		TestHttp replica = this.other.http();
		String token = boundToken("alice");
		String nonce = nonceOf(dpop(http(), token, client.proof("GET", url("/api/orders"), token).sign()));
		assertOk(dpop(replica, token, client.proof("GET", replica.url("/api/orders"), token).nonce(nonce).sign()));
		assertThat(this.other.received().all()).hasSize(1);
		received().assertNone();
	}

	@Test
	void bearerTokensNeedNoNonce() {
		assertOk(http().get("/api/orders", TestJwts.issuer("https://corp.example").subject("bob").signWith(IDP_KEY)));
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

}
