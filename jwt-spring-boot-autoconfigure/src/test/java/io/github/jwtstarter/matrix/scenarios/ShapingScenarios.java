package io.github.jwtstarter.matrix.scenarios;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.matrix.Received;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application or the upstream receives: verified claims as headers
 * ({@code claims-to-headers}), client-sent copies of those headers removed
 * (anti-spoofing) unless {@code append} is set, and the token itself only with
 * {@code keep-token: true}.
 */
class ShapingScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String corp = "jwt.providers.corp.";
		String kept = "jwt.providers.kept.";
		return pairs(corp + "issuer", "https://corp.example", corp + "jwks.local", TestKeys.toPublicJwkSetJson(KEY),
				corp + "keep-token", "false", corp + "claims-to-headers[0].claim", "org",
				corp + "claims-to-headers[0].header", "x-company", corp + "claims-to-headers[1].claim", "sub",
				corp + "claims-to-headers[1].header", "x-user", corp + "claims-to-headers[2].claim", "team",
				corp + "claims-to-headers[2].header", "x-team", corp + "claims-to-headers[2].append", "true",
				corp + "claims-to-headers[3].claim", "realm_access.roles", corp + "claims-to-headers[3].header",
				"x-roles", kept + "issuer", "https://kept.example", kept + "jwks.local",
				TestKeys.toPublicJwkSetJson(KEY));
	}

	@Test
	void verifiedClaimsArriveAsHeadersAndTheTokenDoesNotWithKeepTokenFalse() {
		String token = TestJwts.issuer("https://corp.example")
			.subject("dave")
			.claim("org", "solo.io")
			.claim("realm_access", Map.of("roles", List.of("admin", "user")))
			.signWith(KEY);
		assertOk(http().get("/api/orders", token));
		Received received = received().only();
		assertThat(received.header("x-company")).containsExactly("solo.io");
		assertThat(received.header("x-user")).containsExactly("dave");
		assertThat(received.header("x-roles")).containsExactly("admin,user");
		assertThat(received.header("authorization")).isEmpty();
		assertThat(received.contains(token)).isFalse();
	}

	@Test
	void clientSentCopiesOfClaimHeadersAreRemovedEvenWhenTheClaimIsMissing() {
		String token = TestJwts.issuer("https://corp.example").subject("erin").signWith(KEY);
		assertOk(http().getWithHeaders("/api/orders", "Authorization", "Bearer " + token, "x-company", "solo.io",
				"X-User", "root"));
		Received received = received().only();
		assertThat(received.header("x-company")).isEmpty();
		assertThat(received.header("x-user")).containsExactly("erin");
		assertThat(received.contains("solo.io")).isFalse();
		assertThat(received.contains("root")).isFalse();
	}

	@Test
	void appendKeepsTheClientSentValueAndAddsTheClaim() {
		String token = TestJwts.issuer("https://corp.example").subject("frank").claim("team", "pets").signWith(KEY);
		assertOk(http().getWithHeaders("/api/orders", "Authorization", "Bearer " + token, "x-team", "client"));
		assertThat(received().only().header("x-team")).containsExactlyInAnyOrder("client", "pets");
	}

	@Test
	void tokenIsPassedOnWithKeepTokenTrue() {
		String token = TestJwts.issuer("https://kept.example").subject("svc").signWith(KEY);
		assertOk(http().get("/api/orders", token));
		assertThat(received().only().header("authorization")).containsExactly("Bearer " + token);
	}

}
