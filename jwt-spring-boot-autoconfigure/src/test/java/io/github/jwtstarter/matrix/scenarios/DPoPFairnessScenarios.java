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
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory DPoP replay cache under flood and {@code htu} against public origins: one
 * client sending fresh proofs gets no more than its share of the cache (5 of 50 by
 * default) and never locks another client out, while its remembered proofs stay refused;
 * a provider with {@code public-origins} checks {@code htu} against those origins, not
 * against the URL the request arrived at.
 */
class DPoPFairnessScenarios extends MatrixScenarios {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.small.issuer", "https://small.example", "jwt.providers.small.jwks.local",
				TestKeys.toPublicJwkSetJson(IDP_KEY), "jwt.providers.small.sender-constraint.dpop-replay-cache-size",
				"50", "jwt.providers.edge.issuer", "https://edge.example", "jwt.providers.edge.jwks.local",
				TestKeys.toPublicJwkSetJson(IDP_KEY), "jwt.providers.edge.sender-constraint.public-origins",
				"https://api.example");
	}

	static String boundToken(String provider, String subject, DPoPProofs key) {
		return TestJwts.issuer("https://" + provider + ".example")
			.subject(subject)
			.claim("cnf", key.confirmation())
			.signWith(IDP_KEY);
	}

	HttpResponse<String> dpop(String path, String token, String proof) {
		return http().sendWithHeaders("GET", path, Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	@Test
	void oneClientsFloodOfFreshProofsNeverLocksOtherClientsOut() {
		DPoPProofs flooder = DPoPProofs.withKey(TestKeys.ec("flooder-" + flavour().id(), Curve.P_256));
		String flooderToken = boundToken("small", "mallory", flooder);
		String url = url("/api/orders");
		String firstProof = flooder.proof("GET", url, flooderToken).sign();
		assertOk(dpop("/api/orders", flooderToken, firstProof));
		int accepted = 1;
		for (int i = 0; i < 50; i++) {
			HttpResponse<String> response = dpop("/api/orders", flooderToken,
					flooder.proof("GET", url, flooderToken).sign());
			if (response.statusCode() == 200) {
				accepted++;
			}
			else {
				assertDPoPChallenge(response, "invalid_dpop_proof", "invalid DPoP proof");
			}
		}
		assertThat(accepted).as("proofs of one client accepted out of a replay cache of 50").isEqualTo(5);
		String token = boundToken("small", "alice", client);
		assertOk(dpop("/api/orders", token, client.proof("GET", url, token).sign()));
		assertDPoPChallenge(dpop("/api/orders", flooderToken, firstProof), "invalid_dpop_proof", "invalid DPoP proof");
		assertThat(received().all()).as("what got through: the flooder's share and the other client")
			.hasSize(accepted + 1);
	}

	@Test
	void htuIsCheckedAgainstThePublicOriginsWhenTheyAreSet() {
		String token = boundToken("edge", "alice", client);
		assertDPoPChallenge(dpop("/api/orders", token, client.proof("GET", url("/api/orders"), token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertDPoPChallenge(
				dpop("/api/orders", token, client.proof("GET", "http://b.example/api/orders", token).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		received().assertNone();
		assertOk(
				dpop("/api/orders?page=2", token, client.proof("GET", "https://api.example/api/orders", token).sign()));
		assertThat(received().only().target()).isEqualTo("/api/orders?page=2");
	}

}
