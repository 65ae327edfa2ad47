package io.github.jwtstarter.sample.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.sample.SampleApplication;
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
 * The sample's operator area end to end, as docs/own-security.md shows it:
 * {@code /admin/**} is a chain of the application's own with HTTP Basic, and every other
 * request is still the starter's, unchanged.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.admin.password=ops-password")
class OperatorAreaEndToEndTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
	}

	static String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void operatorLogsInWithHttpBasicAndAJwtIsNoLoginThere() {
		TestHttp http = new TestHttp(this.port);
		HttpResponse<String> operator = http.getWithHeaders("/admin/status", "Authorization", basic("ops-password"));
		assertThat(operator.statusCode()).isEqualTo(200);
		assertThat(operator.body()).contains("\"operator\":\"ops\"");
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		HttpResponse<String> withJwt = http.get("/admin/status", token);
		assertThat(withJwt.statusCode()).isEqualTo(401);
		assertThat(withJwt.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(http.getWithHeaders("/admin/status", "Authorization", basic("wrong")).statusCode()).isEqualTo(401);
	}

	@Test
	void theApiStaysTheStarters() {
		TestHttp http = new TestHttp(this.port);
		HttpResponse<String> anonymous = http.get("/api/pets");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(http.getWithHeaders("/api/pets", "Authorization", basic("ops-password")).statusCode())
			.isEqualTo(401);
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		assertThat(http.get("/api/pets", token).statusCode()).isEqualTo(200);
	}

}
