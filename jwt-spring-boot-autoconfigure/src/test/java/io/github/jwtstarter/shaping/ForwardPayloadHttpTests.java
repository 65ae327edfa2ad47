package io.github.jwtstarter.shaping;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.jwtstarter.jwt.MultiTenantTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code forward-payload-header} over real HTTP: the application sees the verified
 * payload, base64url exactly as it is in the token, in the configured header, and never a
 * client-sent value of that header: not with a token of the provider that sets it, not
 * with a token of a provider that does not, not on an anonymous request.
 * <p>
 * Written once for both web stacks: {@code ServletForwardPayloadHttpTests} and
 * {@code ReactiveForwardPayloadHttpTests}.
 */
@SpringBootTest(classes = MultiTenantTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ForwardPayloadHttpTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	static final String PAYLOAD = "x-jwt-payload";

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.providers.corp.forward-payload-header", () -> "X-JWT-Payload");
		registry.add("jwt.providers.corp.keep-token", () -> "false");
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.jwks.local", () -> TestKeys.toPem(PARTNER_KEY));
		registry.add("jwt.routes[0].paths", () -> "/public/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	@SuppressWarnings("unchecked")
	static List<String> payloadHeader(HttpResponse<String> response) {
		assertOk(response);
		try {
			Map<String, Object> body = JSONObjectUtils.parse(response.body());
			return (List<String>) ((Map<String, Object>) body.get("headers")).get(PAYLOAD);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	@Test
	void applicationSeesTheVerifiedPayloadAsItIsInTheToken() throws ParseException {
		String token = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("org", "solo.io")
			.claim("name", "Zoë ~ <x>")
			.signWith(CORP_KEY);
		List<String> payload = payloadHeader(this.http.get("/echo", token));
		assertThat(payload).containsExactly(token.split("\\.")[1]);
		Map<String, Object> claims = JSONObjectUtils
			.parse(new String(Base64.getUrlDecoder().decode(payload.get(0)), StandardCharsets.UTF_8));
		assertThat(claims).containsEntry("sub", "alice")
			.containsEntry("org", "solo.io")
			.containsEntry("name", "Zoë ~ <x>");
	}

	@Test
	void clientSentPayloadHeaderIsReplacedForTheProviderThatSetsIt() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		String forged = TestJwts.issuer("https://corp.example").subject("root").signWith(PARTNER_KEY).split("\\.")[1];
		assertThat(payloadHeader(this.http.getWithHeaders("/echo", "Authorization", "Bearer " + token, PAYLOAD, forged,
				PAYLOAD, "second")))
			.containsExactly(token.split("\\.")[1]);
	}

	@Test
	void clientSentPayloadHeaderNeverSurvivesForAProviderThatDoesNotSetIt() {
		String token = TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY);
		assertThat(payloadHeader(
				this.http.getWithHeaders("/echo", "Authorization", "Bearer " + token, "X-Jwt-Payload", "forged")))
			.isEmpty();
	}

	@Test
	void clientSentPayloadHeaderNeverSurvivesOnAnAnonymousRequest() {
		assertThat(payloadHeader(this.http.getWithHeaders("/public", PAYLOAD, "forged"))).isEmpty();
	}

}
