package io.github.jwtstarter.matrix.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation policies and routes: a valid token passes with its audience, a missing one
 * is refused unless the route allows it, an invalid one is refused unless the route
 * allows that too, and a disabled route is not looked at.
 */
class ValidationPolicyScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final JwksServer corp = JwksServer.start(KEY);

	@AfterAll
	static void stopJwks() {
		corp.close();
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return Map.of("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.uri",
				corp.jwksUri(), "jwt.providers.corp.audiences", "orders-api", "jwt.routes[0].paths", "/public/**",
				"jwt.routes[0].validation-policy", "allow-missing", "jwt.routes[1].paths", "/optional/**",
				"jwt.routes[1].validation-policy", "allow-missing-or-failed", "jwt.routes[2].paths", "/health/**",
				"jwt.routes[2].disabled", "true");
	}

	static String token(String audience) {
		return TestJwts.issuer("https://corp.example").subject("alice").audience(audience).signWith(KEY);
	}

	@Test
	void validTokenForTheAudienceReachesTheApplication() {
		assertOk(http().get("/api/orders", token("orders-api")));
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

	@Test
	void tokenForAnotherAudienceIsRefusedAndNothingReachesTheApplication() {
		assertInvalidToken(http().get("/api/orders", token("billing-api")));
		received().assertNone();
	}

	@Test
	void missingTokenIsRefusedOnARequireValidRoute() {
		assertTokenRequired(http().get("/api/orders"));
		received().assertNone();
	}

	@Test
	void missingTokenPassesAnAllowMissingRoute() {
		assertOk(http().get("/public/menu"));
		assertThat(received().only().target()).isEqualTo("/public/menu");
	}

	@Test
	void invalidTokenIsRefusedOnAnAllowMissingRoute() {
		String expired = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.audience("orders-api")
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(KEY);
		assertInvalidToken(http().get("/public/menu", expired));
		received().assertNone();
	}

	@Test
	void invalidTokenPassesAnAllowMissingOrFailedRoute() {
		assertOk(http().get("/optional/menu", token("billing-api")));
		assertThat(received().only().target()).isEqualTo("/optional/menu");
	}

	@Test
	void disabledRouteIgnoresAnInvalidToken() {
		assertOk(http().get("/health/live", "not-a-token"));
		assertThat(received().only().target()).isEqualTo("/health/live");
	}

}
