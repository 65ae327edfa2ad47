package io.github.jwtstarter.routing.reactive;

import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtServerWebExchangeMatchers} in the {@code authorizeExchange} rules of an
 * application's own {@link SecurityWebFilterChain} on WebFlux (the starter's chain backs
 * off), with the starter's providers plugged in through its
 * {@link JwtIssuerReactiveAuthenticationManagerResolver}; real tokens over real HTTP on
 * Netty.
 */
@SpringBootTest(classes = JwtServerWebExchangeMatchersSecurityChainTests.OwnChainApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class JwtServerWebExchangeMatchersSecurityChainTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry);
	}

	int status(@Nullable String token) {
		return new TestHttp(this.port).get("/hello", token).statusCode();
	}

	@Test
	void claimMatcherPermitsTokensWithTheClaim() {
		assertThat(status(TestJwts.issuer("https://corp.example").claim("org", "solo.io").signWith(CORP_KEY)))
			.isEqualTo(200);
		assertThat(status(TestJwts.issuer("https://corp.example")
			.claim("org", java.util.List.of("acme", "solo.io"))
			.signWith(CORP_KEY))).isEqualTo(200);
	}

	@Test
	void claimMatchesMatcherPermitsAWholeMatch() {
		assertThat(status(TestJwts.issuer("https://corp.example").claim("email", "bob@acme.io").signWith(CORP_KEY)))
			.isEqualTo(200);
		assertThat(
				status(TestJwts.issuer("https://corp.example").claim("email", "bob@acme.io.evil").signWith(CORP_KEY)))
			.isEqualTo(403);
	}

	@Test
	void composedProviderAndClaimMatcherPermitsOnlyThatProvider() {
		assertThat(status(TestJwts.issuer("kubernetes/serviceaccount").claim("admin", true).signWith(KUBE_KEY)))
			.isEqualTo(200);
		assertThat(status(TestJwts.issuer("https://corp.example").claim("admin", true).signWith(CORP_KEY)))
			.isEqualTo(403);
	}

	@Test
	void tokenMatchingNoRuleIsDenied() {
		assertThat(status(TestJwts.issuer("https://corp.example").claim("org", "acme").signWith(CORP_KEY)))
			.isEqualTo(403);
	}

	@Test
	void anonymousRequestMatchesNoRule() {
		assertThat(status(null)).isEqualTo(401);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HelloController.class)
	static class OwnChainApplication {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http,
				JwtIssuerReactiveAuthenticationManagerResolver resolver) {
			return http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver(resolver))
				.authorizeExchange(
						(exchanges) -> exchanges.matchers(JwtServerWebExchangeMatchers.claim("org", "solo.io"))
							.permitAll()
							.matchers(JwtServerWebExchangeMatchers.claimMatches("email", ".+@acme\\.io"))
							.permitAll()
							.matchers(new AndServerWebExchangeMatcher(JwtServerWebExchangeMatchers.provider("kube"),
									JwtServerWebExchangeMatchers.hasClaim("admin")))
							.permitAll()
							.anyExchange()
							.denyAll())
				.build();
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
