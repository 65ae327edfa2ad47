package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.OwnChainsAutoConfiguration;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application (or gateway) with a security chain of its own for an operator area
 * ({@code /admin/**}, HTTP Basic, role {@code OPS}; {@link OwnChainsAutoConfiguration}'s
 * {@code admin} variant) next to the starter's: the area answers as its own chain says (a
 * JWT is no login there), and every other request still goes through the starter (no
 * token 401, a valid token with its claim header, an RBAC denial 403).
 */
class OwnChainScenarios extends MatrixScenarios {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return properties("admin");
	}

	/**
	 * Returns the properties of an application with security of its own.
	 * @param ownChain the variant of {@link OwnChainsAutoConfiguration}
	 * @return the properties: provider {@code corp} with its {@code org} claim as
	 * {@code x-company}, and RBAC on {@code /api/reports/**} and {@code /api/orders}
	 */
	static Map<String, String> properties(String ownChain) {
		return pairs("test.own-chain", ownChain, "jwt.providers.corp.issuer", "https://corp.example",
				"jwt.providers.corp.jwks.local", TestKeys.toPem(CORP_KEY),
				"jwt.providers.corp.claims-to-headers[0].claim", "org",
				"jwt.providers.corp.claims-to-headers[0].header", "x-company",
				"jwt.rbac.policies.reports.permissions.paths", "/api/reports/**",
				"jwt.rbac.policies.reports.principals[0].claims.org", "solo.io",
				"jwt.rbac.policies.rest.permissions.paths", "/api/orders",
				"jwt.rbac.policies.rest.principals[0].provider", "corp");
	}

	static String token(String org) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim("org", org).signWith(CORP_KEY);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void operatorAreaAcceptsItsOwnLoginOnly() {
		assertOk(http().getWithHeaders("/admin/settings", "Authorization",
				basic(OwnChainsAutoConfiguration.OPERATOR, OwnChainsAutoConfiguration.PASSWORD)));
		assertThat(received().only().target()).isEqualTo("/admin/settings");
		received().clear();
		HttpResponse<String> anonymous = http().get("/admin/settings");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(http().get("/admin/settings", token("solo.io")).statusCode())
			.as("a JWT is no login in the operator area")
			.isEqualTo(401);
		assertThat(http().getWithHeaders("/admin/settings", "Authorization", basic("ops", "wrong")).statusCode())
			.isEqualTo(401);
		received().assertNone();
	}

	@Test
	void everyOtherRequestStillGoesThroughTheStarter() {
		assertTokenRequired(http().get("/api/orders"));
		assertTokenRequired(http().getWithHeaders("/api/orders", "Authorization",
				basic(OwnChainsAutoConfiguration.OPERATOR, OwnChainsAutoConfiguration.PASSWORD)));
		received().assertNone();
		assertOk(http().getWithHeaders("/api/orders", "Authorization", "Bearer " + token("solo.io"), "x-company",
				"spoofed"));
		assertThat(received().only().header("x-company")).containsExactly("solo.io");
		assertOk(http().get("/api/reports/q3", token("solo.io")));
		received().clear();
		assertForbiddenBy(http().get("/api/reports/q3", token("acme")), "jwt.rbac");
		received().assertNone();
	}

}
