package io.github.jwtstarter.routing;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that failed verification never travels further: on a route whose policy is
 * {@code allow-missing-or-failed}, an expired token, a token signed by an unknown key and
 * a DPoP-bound token presented as a bearer token (a stolen one) continue anonymously, and
 * the application sees none of them in any location they were sent in (header, query
 * parameter, cookie), nor the {@code DPoP} proof, whatever the provider's
 * {@code keep-token}; it sees why in the failure attribute. Written once for both stacks
 * ({@code ServletFailedTokenHttpTests}, {@code ReactiveFailedTokenHttpTests}); the
 * gateway flavours have their own ({@code GatewayFailedTokenEndToEndTests}).
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FailedTokenHttpTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.routes[0].paths", () -> "/lenient/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing-or-failed");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.providers.corp.keep-token", () -> "true");
		registry.add("jwt.providers.corp.token-source.headers[0].name", () -> "Authorization");
		registry.add("jwt.providers.corp.token-source.query-params", () -> "access_token");
		registry.add("jwt.providers.corp.token-source.cookies", () -> "corp_jwt");
	}

	static String expired() {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(5)))
			.signWith(CORP_KEY);
	}

	static String unknownKey() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(TestKeys.rsa("corp-1"));
	}

	static String stolenBoundToken() {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf", client.confirmation())
			.signWith(CORP_KEY);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> echo(String pathAndQuery, String... headers) throws IOException {
		HttpResponse<String> response = new TestHttp(this.port).getWithHeaders(pathAndQuery, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	static void assertNothingOf(Map<String, Object> echo, String token) {
		Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
		assertThat(headers).doesNotContainKeys("authorization", "dpop");
		assertThat(String.valueOf(echo)).doesNotContain(token.split("\\.")[1]);
		assertThat(echo.get("principal")).isNull();
	}

	@Test
	void expiredTokenInTheAuthorizationHeaderIsRemoved() throws IOException {
		String token = expired();
		Map<String, Object> echo = echo("/lenient/echo", "Authorization", "Bearer " + token);
		assertNothingOf(echo, token);
		assertThat(echo.get("failure")).isEqualTo("EXPIRED");
	}

	@Test
	void tokenSignedByAnUnknownKeyIsRemovedFromTheQueryAndTheCookieAlike() throws IOException {
		String token = unknownKey();
		Map<String, Object> echo = echo(
				"/lenient/echo?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&page=2", "Cookie",
				"corp_jwt=" + token + "; theme=dark");
		assertNothingOf(echo, token);
		assertThat(echo.get("query")).isEqualTo("page=2");
		assertThat(echo.get("cookies")).isEqualTo(List.of("theme=dark"));
		assertThat(echo.get("failure")).isEqualTo("BAD_SIGNATURE");
	}

	@Test
	void stolenDPoPBoundTokenPresentedAsBearerIsRemoved() throws IOException {
		String token = stolenBoundToken();
		Map<String, Object> echo = echo("/lenient/echo", "Authorization", "Bearer " + token);
		assertNothingOf(echo, token);
		assertThat(echo.get("failure")).isEqualTo("DPOP_PROOF_REQUIRED");
	}

	@Test
	void failedDPoPPresentationLosesItsProofToo() throws IOException {
		String token = stolenBoundToken();
		Map<String, Object> echo = echo("/lenient/echo", "Authorization", "DPoP " + token, "DPoP", "not-a-proof");
		assertNothingOf(echo, token);
		assertThat(echo.get("failure")).isEqualTo("INVALID_DPOP_PROOF");
	}

	@Test
	void validTokenIsStillPassedOnWithKeepToken() throws IOException {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		Map<String, Object> echo = echo("/lenient/echo", "Authorization", "Bearer " + token);
		assertThat(echo.get("principal")).isEqualTo("alice");
		assertThat(String.valueOf(echo)).contains(token);
		assertThat(echo.get("failure")).isEqualTo("null");
	}

}
