package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where tokens are read: the default {@code Authorization: Bearer} header, a custom
 * header with its own prefix, a query parameter and a cookie; and the hardening of
 * cookies (a cross-site state-changing request carrying the cookie is refused).
 */
class TokenSourceScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String corp = "jwt.providers.corp.";
		return pairs(corp + "issuer", "https://corp.example", corp + "jwks.local", TestKeys.toPublicJwkSetJson(KEY),
				corp + "token-source.headers[0].name", "Authorization", corp + "token-source.headers[1].name",
				"X-Api-Token", corp + "token-source.headers[1].prefix", "Token ", corp + "token-source.query-params",
				"access_token", corp + "token-source.cookies", "session_token", corp + "claims-to-headers[0].claim",
				"sub", corp + "claims-to-headers[0].header", "x-user");
	}

	static String token(String subject) {
		return TestJwts.issuer("https://corp.example").subject(subject).signWith(KEY);
	}

	@Test
	void tokenInTheAuthorizationHeaderIsVerified() {
		assertOk(http().get("/api/orders", token("header")));
		assertThat(received().only().header("x-user")).containsExactly("header");
	}

	@Test
	void tokenInACustomHeaderWithItsPrefixIsVerified() {
		assertOk(http().getWithHeaders("/api/orders", "X-Api-Token", "Token " + token("custom")));
		assertThat(received().only().header("x-user")).containsExactly("custom");
	}

	@Test
	void tokenInAQueryParameterIsVerified() {
		assertOk(http().get("/api/orders?access_token=" + token("query")));
		assertThat(received().only().header("x-user")).containsExactly("query");
	}

	@Test
	void tokenInACookieIsVerified() {
		assertOk(http().getWithHeaders("/api/orders", "Cookie", "session_token=" + token("cookie")));
		assertThat(received().only().header("x-user")).containsExactly("cookie");
	}

	@Test
	void crossSiteStateChangingRequestWithTheCookieIsRefused() {
		HttpResponse<String> response = http().sendWithHeaders("POST", "/api/orders", "Cookie",
				"session_token=" + token("cookie"), "Origin", "https://evil.example");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"");
		received().assertNone();
	}

	@Test
	void sameOriginStateChangingRequestWithTheCookieIsVerified() {
		assertOk(http().sendWithHeaders("POST", "/api/orders", "Cookie", "session_token=" + token("cookie"),
				"Sec-Fetch-Site", "same-origin"));
		assertThat(received().only().header("x-user")).containsExactly("cookie");
	}

	@Test
	void tokenUnderAnUnconfiguredNameIsNotRead() {
		assertTokenRequired(http().getWithHeaders("/api/orders", "X-Other-Token", "Token " + token("other")));
		received().assertNone();
	}

}
