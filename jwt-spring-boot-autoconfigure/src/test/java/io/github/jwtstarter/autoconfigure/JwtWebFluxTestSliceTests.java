package io.github.jwtstarter.autoconfigure;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @WebFluxTest} of their own controller includes the starter's reactive
 * chain through the starter's {@code WebFluxTest.imports}: the controller answers only to
 * a valid token, as in the running application. No spring-boot-security-test on this
 * classpath: the starter's imports alone bring the chain.
 */
@WebFluxTest(JwtWebFluxTestSliceTests.GreetingController.class)
class JwtWebFluxTestSliceTests {

	private static final RSAKey KEY = TestKeys.rsa("slice-1");

	private static final String ISSUER = "https://idp.example.com";

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> ISSUER);
		registry.add("jwt.providers.corp.audiences", () -> "greetings");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(KEY));
	}

	@Test
	void sliceContainsTheStartersReactiveChainAndRegistry() {
		assertThat(this.context.getBeansOfType(SecurityWebFilterChain.class))
			.containsOnlyKeys("jwtSecurityWebFilterChain");
		assertThat(this.context.getBeanNamesForType(JwtProviderRegistry.class)).hasSize(1);
	}

	@Test
	void requestWithoutTokenIsRejectedWith401() {
		this.client.get()
			.uri("/greeting")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	@Test
	void requestWithInvalidTokenIsRejectedWith401() {
		String foreign = TestJwts.issuer(ISSUER).subject("mallory").audience("greetings").signWith(TestKeys.rsa("x"));
		this.client.get()
			.uri("/greeting")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + foreign)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"invalid signature\"");
	}

	@Test
	void requestWithValidTokenReachesTheControllerAsItsSubject() {
		String token = TestJwts.issuer(ISSUER).subject("alice").audience("greetings").signWith(KEY);
		this.client.get()
			.uri("/greeting")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("hello alice");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@Import(GreetingController.class)
	static class SliceTestApplication {

	}

	@RestController
	static class GreetingController {

		@GetMapping("/greeting")
		Mono<String> greeting() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> "hello " + context.getAuthentication().getName());
		}

	}

}
