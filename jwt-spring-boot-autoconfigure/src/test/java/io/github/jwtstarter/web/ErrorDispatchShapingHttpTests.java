package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error dispatches ({@code /error}) see the request as the application does: derived
 * headers set from verified claims (never the client's copy) and no hidden token.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, ErrorDispatchShapingHttpTests.ErrorEcho.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorDispatchShapingHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.providers.corp.keep-token", () -> "false");
		registry.add("jwt.providers.corp.claims-to-headers[0].claim", () -> "org");
		registry.add("jwt.providers.corp.claims-to-headers[0].header", () -> "x-company");
		registry.add("jwt.routes[0].paths", () -> "/api/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	@Test
	void errorDispatchSeesTheClaimHeaderNotTheClientsCopyAndNoHiddenToken() throws Exception {
		String token = TestJwts.issuer("https://corp.example").subject("alice").claim("org", "solo.io").signWith(KEY);
		HttpResponse<String> response = get("/api/pets/missing", "Authorization", "Bearer " + token, "x-company",
				"spoofed");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"error\":true")
			.contains("\"x-company\":\"solo.io\"")
			.contains("\"authorization\":null");
	}

	@Test
	void errorDispatchOfAnAnonymousRequestSeesNoClientCopyOfADerivedHeader() throws Exception {
		HttpResponse<String> response = get("/api/pets/missing", "x-company", "spoofed");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"error\":true").contains("\"x-company\":null");
	}

	private HttpResponse<String> get(String path, String... headers) {
		return new TestHttp(this.port).getWithHeaders(path, headers);
	}

	/**
	 * The application's error handling, showing what it sees of the request.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@Import(ErrorEcho.Controller.class)
	static class ErrorEcho {

		@RestController
		static class Controller implements ErrorController {

			@RequestMapping("/error")
			Map<String, Object> error(HttpServletRequest request) {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("error", true);
				body.put("x-company", request.getHeader("x-company"));
				body.put("authorization", request.getHeader("Authorization"));
				return body;
			}

		}

	}

}
