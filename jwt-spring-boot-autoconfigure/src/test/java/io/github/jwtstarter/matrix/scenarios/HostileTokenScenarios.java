package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken tokens get the RFC 6750 challenge and an RFC 9457 problem body,
 * never a 5xx, and never reach the application or the upstream: no signature, an HMAC
 * signed with the public key, embedded and remote keys in the header, a tampered
 * signature, garbage, an oversized token, an encrypted token, and an empty bearer value.
 */
class HostileTokenScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final RSAKey ATTACKER = TestKeys.rsa("attacker");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		// the servers accept the header, so that the starter's jwt.max-token-size (16KB)
		// is what refuses it
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(KEY), "server.max-http-request-header-size", "64KB");
	}

	static JWTClaimsSet claims() {
		return TestJwts.issuer("https://corp.example").subject("alice").claimsSet();
	}

	@Test
	void forgedTokensAreRefusedWithAProblemBody() {
		for (String token : new String[] { TestJwts.unsigned(claims()), TestJwts.hmacSignedWithPublicKey(KEY, claims()),
				TestJwts.withEmbeddedJwk(ATTACKER, claims()),
				TestJwts.withJku(ATTACKER, "http://127.0.0.1:9/jwks.json", claims()),
				TestJwts.withX5c(ATTACKER, claims()), TestJwts.jwe(KEY, claims()) }) {
			assertInvalidToken(http().get("/api/orders", token));
		}
		received().assertNone();
	}

	@Test
	void tamperedSignatureAndGarbageAreRefused() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertInvalidToken(http().get("/api/orders", tampered));
		assertInvalidToken(http().get("/api/orders", "garbage"), "malformed token");
		assertInvalidToken(http().get("/api/orders", "a.b.c"));
		received().assertNone();
	}

	@Test
	void oversizedTokenIsRefusedBeforeParsing() {
		String huge = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("padding", "x".repeat(17_000))
			.signWith(KEY);
		assertInvalidToken(http().get("/api/orders", huge), "token too large");
		received().assertNone();
	}

	@Test
	void emptyBearerValueIsTreatedAsNoToken() {
		HttpResponse<String> response = http().getWithHeaders("/api/orders", "Authorization", "Bearer ");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		received().assertNone();
	}

	@Test
	void missingTokenGetsABareChallenge() {
		assertTokenRequired(http().get("/api/orders"));
		received().assertNone();
	}

}
