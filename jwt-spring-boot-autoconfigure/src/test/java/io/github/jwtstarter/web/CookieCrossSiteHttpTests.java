package io.github.jwtstarter.web;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token read from a cookie, which a browser sends on its own, authenticates an unsafe
 * request only with a same-origin signal ({@code Sec-Fetch-Site} or a matching
 * {@code Origin}): a cross-site form POST is refused with 403.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CookieCrossSiteHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.providers.corp.token-source.headers[0].name", () -> "Authorization");
		registry.add("jwt.providers.corp.token-source.cookies", () -> "session_token");
	}

	static String token() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
	}

	@Test
	void crossSiteFormPostWithTheCookieIsRefused() throws Exception {
		String cookie = "session_token=" + token();
		assertCrossSite(send("POST", "Cookie", cookie, "Origin", "https://evil.example"));
		assertCrossSite(
				send("POST", "Cookie", cookie, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"));
		assertCrossSite(send("DELETE", "Cookie", cookie, "Sec-Fetch-Site", "same-site"));
		assertCrossSite(send("POST", "Cookie", cookie));
		assertCrossSite(send("POST", "Cookie", cookie, "Origin", "null"));
	}

	@Test
	void sameOriginRequestsWithTheCookieAreAuthenticated() throws Exception {
		String cookie = "session_token=" + token();
		assertAuthenticated(send("POST", "Cookie", cookie, "Origin", "http://127.0.0.1:" + this.port));
		assertAuthenticated(send("POST", "Cookie", cookie, "Sec-Fetch-Site", "same-origin"));
		assertAuthenticated(send("PUT", "Cookie", cookie, "Sec-Fetch-Site", "none"));
		assertAuthenticated(send("GET", "Cookie", cookie, "Sec-Fetch-Site", "cross-site"));
	}

	@Test
	void tokenInTheAuthorizationHeaderNeedsNoSameOriginSignal() throws Exception {
		assertAuthenticated(send("POST", "Authorization", "Bearer " + token(), "Origin", "https://evil.example"));
	}

	private static void assertCrossSite(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"");
	}

	private static void assertAuthenticated(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"alice\"");
	}

	private HttpResponse<String> send(String method, String... headers) {
		return new TestHttp(this.port).sendWithHeaders(method, "/whoami", headers);
	}

}
