package io.github.jwtstarter.autoconfigure;

import java.security.Principal;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @WebMvcTest} of their own controller includes the starter's chain
 * through the starter's {@code WebMvcTest.imports}: the controller answers only to a
 * valid token, as in the running application. No spring-boot-security-test on this
 * classpath: the starter's imports alone bring the chain.
 */
@WebMvcTest(JwtWebMvcTestSliceTests.GreetingController.class)
class JwtWebMvcTestSliceTests {

	private static final RSAKey KEY = TestKeys.rsa("slice-1");

	private static final String ISSUER = "https://idp.example.com";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> ISSUER);
		registry.add("jwt.providers.corp.audiences", () -> "greetings");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(KEY));
	}

	@Test
	void sliceContainsTheStartersChainAndRegistry() {
		assertThat(this.context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("jwtSecurityFilterChain");
		assertThat(this.context.getBeanNamesForType(JwtProviderRegistry.class)).hasSize(1);
	}

	@Test
	void requestWithoutTokenIsRejectedWith401() {
		assertThat(this.mvc.get().uri("/greeting")).hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	@Test
	void requestWithInvalidTokenIsRejectedWith401() {
		String foreign = TestJwts.issuer(ISSUER).subject("mallory").audience("greetings").signWith(TestKeys.rsa("x"));
		assertThat(this.mvc.get().uri("/greeting").header(HttpHeaders.AUTHORIZATION, "Bearer " + foreign))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE);
	}

	@Test
	void requestWithValidTokenReachesTheControllerAsItsSubject() {
		String token = TestJwts.issuer(ISSUER).subject("alice").audience("greetings").signWith(KEY);
		assertThat(this.mvc.get().uri("/greeting").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk()
			.hasBodyTextEqualTo("hello alice");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@Import(GreetingController.class)
	static class SliceTestApplication {

	}

	@RestController
	static class GreetingController {

		@GetMapping("/greeting")
		String greeting(Principal principal) {
			return "hello " + principal.getName();
		}

	}

}
