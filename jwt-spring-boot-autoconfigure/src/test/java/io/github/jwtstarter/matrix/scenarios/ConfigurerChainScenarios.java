package io.github.jwtstarter.matrix.scenarios;

import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.OwnChainsAutoConfiguration;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter inside a chain of the application's own that takes every request, in one
 * line ({@code http.with(jwtSecurity(), …)} on Spring MVC and Gateway Server Web MVC,
 * {@code JwtServerSecurityConfigurer#configure} on WebFlux and Gateway Server WebFlux;
 * {@link OwnChainsAutoConfiguration}'s {@code configurer} variant, whose own rules permit
 * everything): the starter's behaviour comes with it — a token is required, a failed
 * token is a 401, claims become headers (anti-spoofed), and RBAC denies.
 */
class ConfigurerChainScenarios extends MatrixScenarios {

	static final RSAKey CORP_KEY = OwnChainScenarios.CORP_KEY;

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return OwnChainScenarios.properties("configurer");
	}

	static TestJwts token(String org) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim("org", org);
	}

	@Test
	void theStartersBehaviourComesWithTheConfigurer() {
		assertTokenRequired(http().get("/api/orders"));
		assertInvalidToken(http().get("/api/orders", token("solo.io").signWith(TestKeys.rsa("other-1"))));
		received().assertNone();
		assertOk(http().getWithHeaders("/api/orders", "Authorization", "Bearer " + token("solo.io").signWith(CORP_KEY),
				"x-company", "spoofed"));
		assertThat(received().only().header("x-company")).containsExactly("solo.io");
		received().clear();
		assertOk(http().get("/api/reports/q3", token("solo.io").signWith(CORP_KEY)));
		received().clear();
		assertForbiddenBy(http().get("/api/reports/q3", token("acme").signWith(CORP_KEY)), "jwt.rbac");
		received().assertNone();
	}

}
