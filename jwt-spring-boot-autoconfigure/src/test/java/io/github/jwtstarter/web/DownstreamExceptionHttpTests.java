package io.github.jwtstarter.web;

import java.io.IOException;
import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application's own filters throw after the JWT filter propagates unchanged: the
 * chain runs once, a rejecting filter is never skipped, and the application's 500 never
 * turns into a 401.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, DownstreamExceptionHttpTests.RejectingFilter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownstreamExceptionHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.routes[0].paths", () -> "/optional/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing-or-failed");
		registry.add("jwt.routes[1].paths", () -> "/public/**");
		registry.add("jwt.routes[1].validation-policy", () -> "allow-missing");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	@Test
	void applicationFilterThatThrowsIsNotSkippedUnderAllowMissingOrFailed() {
		HttpResponse<String> response = this.http.get("/optional/rejected");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("\"authenticated\"");
	}

	@Test
	void applicationFilterThatThrowsIsNotSkippedWithABadTokenUnderAllowMissingOrFailed() {
		HttpResponse<String> response = this.http.get("/optional/rejected", "garbage");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("\"authenticated\"");
	}

	@Test
	void applicationExceptionStaysA500UnderAllowMissing() {
		HttpResponse<String> response = this.http.get("/public/rejected");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void applicationExceptionStaysA500WithAValidToken() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
		HttpResponse<String> response = this.http.get("/rejected", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void requestsTheApplicationFilterLetsThroughStillWork() {
		assertThat(this.http.get("/optional/fine").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/public/fine").body()).contains("\"authenticated\":false");
	}

	/**
	 * An application filter after Spring Security that rejects by throwing, as filters
	 * that validate a request often do.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RejectingFilter {

		@Bean
		FilterRegistrationBean<Filter> rejectingFilter() {
			Filter filter = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
				if (((HttpServletRequest) request).getRequestURI().endsWith("/rejected")) {
					throw new IllegalStateException("rejected by the application");
				}
				chain.doFilter(request, response);
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(0);
			return registration;
		}

	}

}
