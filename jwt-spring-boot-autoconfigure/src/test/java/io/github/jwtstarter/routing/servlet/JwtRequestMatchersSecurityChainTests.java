package io.github.jwtstarter.routing.servlet;

import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtRequestMatchers} in the {@code authorizeHttpRequests} rules of an
 * application's own {@link SecurityFilterChain} (the starter's chain backs off), with the
 * starter's providers plugged in through its
 * {@link JwtIssuerAuthenticationManagerResolver}; real tokens over real HTTP.
 */
@SpringBootTest(classes = JwtRequestMatchersSecurityChainTests.OwnChainApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtRequestMatchersSecurityChainTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry);
	}

	int status(String token) {
		return new TestHttp(this.port).get("/hello", token).statusCode();
	}

	@Test
	void claimMatcherPermitsTokensWithTheClaim() throws Exception {
		assertThat(status(TestJwts.issuer("https://corp.example").claim("org", "solo.io").signWith(CORP_KEY)))
			.isEqualTo(200);
	}

	@Test
	void composedProviderAndClaimMatcherPermitsOnlyThatProvider() throws Exception {
		assertThat(status(TestJwts.issuer("kubernetes/serviceaccount").claim("admin", true).signWith(KUBE_KEY)))
			.isEqualTo(200);
		assertThat(status(TestJwts.issuer("https://corp.example").claim("admin", true).signWith(CORP_KEY)))
			.isEqualTo(403);
	}

	@Test
	void tokenMatchingNoRuleIsDenied() throws Exception {
		assertThat(status(TestJwts.issuer("https://corp.example").claim("org", "acme").signWith(CORP_KEY)))
			.isEqualTo(403);
	}

	@Test
	void anonymousRequestMatchesNoRule() throws Exception {
		assertThat(status(null)).isEqualTo(401);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HelloController.class)
	static class OwnChainApplication {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http, JwtIssuerAuthenticationManagerResolver resolver)
				throws Exception {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver(resolver))
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers(JwtRequestMatchers.claim("org", "solo.io"))
							.permitAll()
							.requestMatchers(RequestMatchers.allOf(JwtRequestMatchers.provider("kube"),
									JwtRequestMatchers.hasClaim("admin")))
							.permitAll()
							.anyRequest()
							.denyAll());
			return http.build();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
