package io.github.jwtstarter.web;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter inside a chain of the application's own that keeps Spring Security's CSRF
 * protection ({@code test.own-chain=configurer-csrf}): a request whose token the starter
 * verifies is left to the starter (authenticated by that token or not at all; a cookie
 * token held to the cross-site rule), and every other unsafe request stays under the
 * application's CSRF protection. Written once for both stacks
 * ({@code ServletCsrfProtectedChainHttpTests},
 * {@code ReactiveCsrfProtectedChainHttpTests}).
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "test.own-chain=configurer-csrf")
abstract class CsrfProtectedChainHttpTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.validation-policy", () -> "allow-missing");
		registry.add("jwt.routes[0].paths", () -> "/disabled/**");
		registry.add("jwt.routes[0].disabled", () -> "true");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.providers.corp.token-source.headers[0].name", () -> "Authorization");
		registry.add("jwt.providers.corp.token-source.cookies", () -> "corp_jwt");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String token() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
	}

	@Test
	void unsafeRequestWithAVerifiedBearerTokenNeedsNoCsrfToken() {
		HttpResponse<String> response = this.http.send("POST", "/api/pets", token());
		assertOk(response);
		assertThat(response.body()).contains("\"name\":\"alice\"");
	}

	@Test
	void unsafeRequestWithAFailedTokenIsAnsweredByTheStarterNotLetThrough() {
		HttpResponse<String> response = this.http.send("POST", "/api/pets", token() + "x");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
	}

	@Test
	void sameOriginUnsafeRequestWithACookieTokenNeedsNoCsrfTokenButACrossSiteOneIsRefused() {
		String cookie = "corp_jwt=" + token();
		assertOk(this.http.sendWithHeaders("POST", "/api/pets", "Cookie", cookie, "Sec-Fetch-Site", "same-origin"));
		HttpResponse<String> crossSite = this.http.sendWithHeaders("POST", "/api/pets", "Cookie", cookie,
				"Sec-Fetch-Site", "cross-site");
		assertThat(crossSite.statusCode()).isEqualTo(403);
		assertThat(crossSite.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("cross-site request"));
	}

	@Test
	void unsafeRequestWithoutATokenStaysUnderTheApplicationsCsrfProtection() {
		assertThat(this.http.send("POST", "/api/pets", null).statusCode()).isEqualTo(403);
		assertThat(this.http.send("POST", "/disabled/x", token()).statusCode())
			.as("a disabled route does not verify the token, so CSRF protection applies")
			.isEqualTo(403);
		assertOk(this.http.send("GET", "/api/pets", null));
	}

}
