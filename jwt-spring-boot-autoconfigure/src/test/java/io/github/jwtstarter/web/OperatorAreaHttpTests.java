package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.OwnChainsAutoConfiguration;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the starter and an operator area {@code /admin/**} of its own (HTTP
 * Basic, role {@code OPS}): the area answers as its own chain says (a JWT is no login
 * there), and every other request answers exactly as without that chain (no token 401, a
 * valid token 200 with its shaped headers, an RBAC denial 403). Written once for both
 * stacks: {@code ServletOperatorAreaHttpTests} (Tomcat) and
 * {@code ReactiveOperatorAreaHttpTests} (Netty).
 */
@SpringBootTest(
		classes = { ClaimsTestApplication.class, OperatorAreaHttpTests.HeadersController.class,
				OperatorAreaHttpTests.ReactiveHeadersController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "test.own-chain=admin")
abstract class OperatorAreaHttpTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.providers.corp.claims-to-headers[0].claim", () -> "org");
		registry.add("jwt.providers.corp.claims-to-headers[0].header", () -> "x-company");
		registry.add("jwt.rbac.policies.reports.permissions.paths", () -> "/api/reports/**");
		registry.add("jwt.rbac.policies.reports.principals[0].claims.org", () -> "solo.io");
		registry.add("jwt.rbac.policies.rest.permissions.paths", () -> "/api/headers");
		registry.add("jwt.rbac.policies.rest.principals[0].provider", () -> "corp");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String token(String org) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim("org", org).signWith(CORP_KEY);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void operatorAreaAcceptsItsOwnLoginOnly() {
		HttpResponse<String> operator = this.http.getWithHeaders("/admin/settings", "Authorization",
				basic(OwnChainsAutoConfiguration.OPERATOR, OwnChainsAutoConfiguration.PASSWORD));
		assertOk(operator);
		assertThat(operator.body()).contains("\"name\":\"ops\"");
		HttpResponse<String> anonymous = this.http.get("/admin/settings");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		HttpResponse<String> withJwt = this.http.get("/admin/settings", token("solo.io"));
		assertThat(withJwt.statusCode()).as("a JWT is no login in the operator area").isEqualTo(401);
		assertThat(this.http.getWithHeaders("/admin/settings", "Authorization", basic("ops", "wrong")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void everyOtherRequestStillGoesThroughTheStarter() {
		assertTokenRequired(this.http.get("/api/headers"));
		assertTokenRequired(this.http.getWithHeaders("/api/headers", "Authorization",
				basic(OwnChainsAutoConfiguration.OPERATOR, OwnChainsAutoConfiguration.PASSWORD)));
		HttpResponse<String> shaped = this.http.getWithHeaders("/api/headers", "Authorization",
				"Bearer " + token("solo.io"), "x-company", "spoofed");
		assertOk(shaped);
		assertThat(shaped.body()).isEqualTo("x-company=[solo.io]");
		assertOk(this.http.get("/api/reports/q3", token("solo.io")));
		assertForbiddenBy(this.http.get("/api/reports/q3", token("acme")), "jwt.rbac");
	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class HeadersController {

		@GetMapping("/api/headers")
		String headers(HttpServletRequest request) {
			return "x-company=" + java.util.Collections.list(request.getHeaders("x-company"));
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveHeadersController {

		@GetMapping("/api/headers")
		String headers(ServerHttpRequest request) {
			return "x-company=" + request.getHeaders().getOrEmpty("x-company");
		}

	}

}
