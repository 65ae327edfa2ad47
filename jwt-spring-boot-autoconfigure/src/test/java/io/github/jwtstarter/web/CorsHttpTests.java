package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.cors.CorsConfiguration;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser application on another origin (CORS) in front of the starter, with Spring's
 * {@code CorsConfigurationSource} convention: a preflight from the allowed origin is
 * answered 200 with {@code Access-Control-Allow-Origin}, one from another origin 403, a
 * preflight is never asked for a token, and the actual request carries the header next to
 * the starter's usual answers. Written once for both stacks and for the starter's own
 * chain and an application chain that includes it ({@code Servlet…}, {@code Reactive…},
 * {@code …ConfigurerChain…} subclasses).
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, CorsHttpTests.Cors.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CorsHttpTests {

	static final String SPA = "https://spa.example.com";

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.rbac.policies.pets.permissions.paths", () -> "/api/pets/**");
		registry.add("jwt.rbac.policies.pets.principals[0].provider", () -> "corp");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	HttpResponse<String> preflight(String path, String origin) {
		return this.http.sendWithHeaders("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", "POST",
				"Access-Control-Request-Headers", "authorization");
	}

	@Test
	void preflightFromTheAllowedOriginIsAnsweredByCorsNeverAskedForAToken() {
		HttpResponse<String> response = preflight("/api/pets", SPA);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying((methods) -> assertThat(methods).contains("POST"));
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void preflightFromAnotherOriginIsRefusedByCors() {
		HttpResponse<String> response = preflight("/api/pets", "https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void actualRequestFromTheAllowedOriginCarriesTheHeaderNextToTheStartersAnswers() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		HttpResponse<String> allowed = this.http.sendWithHeaders("POST", "/api/pets", "Origin", SPA, "Authorization",
				"Bearer " + token);
		assertOk(allowed);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
		HttpResponse<String> anonymous = this.http.sendWithHeaders("POST", "/api/pets", "Origin", SPA);
		assertTokenRequired(anonymous);
		assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
		assertThat(this.http
			.sendWithHeaders("POST", "/api/pets", "Origin", "https://evil.example", "Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(403);
	}

	static CorsConfiguration spa() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of(SPA));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
		return cors;
	}

	@Configuration(proxyBeanMethods = false)
	static class Cors {

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		org.springframework.web.cors.UrlBasedCorsConfigurationSource corsConfigurationSource() {
			org.springframework.web.cors.UrlBasedCorsConfigurationSource source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/api/**", spa());
			return source;
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource reactiveCorsConfigurationSource() {
			org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source = new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/api/**", spa());
			return source;
		}

	}

}
