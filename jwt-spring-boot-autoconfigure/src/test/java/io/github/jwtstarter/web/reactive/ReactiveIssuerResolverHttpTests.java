package io.github.jwtstarter.web.reactive;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code SecurityWebFilterChain} of the application's own, on Netty, built on the
 * starter's {@link JwtIssuerReactiveAuthenticationManagerResolver} bean: tokens of the
 * configured issuer authenticate, others are 401, and after a verification off the event
 * loop the application runs on the request's event loop, so a keep-alive connection keeps
 * being answered.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, ReactiveIssuerResolverHttpTests.UserChain.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveIssuerResolverHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final JwksServer corp = JwksServer.start(KEY);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", corp::jwksUri);
	}

	@AfterAll
	static void stopServer() {
		corp.close();
	}

	static String token(String subject) {
		return TestJwts.issuer("https://corp.example").subject(subject).signWith(KEY);
	}

	@Test
	void aTokenOfTheIssuerAuthenticatesAndTheApplicationRunsOnTheEventLoop() {
		HttpResponse<String> response = new TestHttp(this.port).get("/user/thread",
				token("fresh-" + System.nanoTime()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("event-loop ");
	}

	@Test
	void tokensOfOtherIssuersAndGarbageAre401() {
		TestHttp http = new TestHttp(this.port);
		assertThat(http.get("/user/thread", TestJwts.issuer("https://other.example").subject("x").signWith(KEY))
			.statusCode()).isEqualTo(401);
		assertThat(http.get("/user/thread", "garbage").statusCode()).isEqualTo(401);
		assertThat(http.get("/user/thread").statusCode()).isEqualTo(401);
	}

	@Test
	void aKeepAliveConnectionKeepsAnsweringAfterOffLoopVerifications() {
		TestHttp http = new TestHttp(this.port);
		for (int i = 0; i < 300; i++) {
			assertThat(http.get("/user/thread", token("user-" + i + "-" + System.nanoTime())).statusCode())
				.isEqualTo(200);
			assertThat(http.get("/user/thread").statusCode()).isEqualTo(401);
			assertThat(http.get("/user/open").statusCode()).isEqualTo(200);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	@Import(UserChain.ThreadController.class)
	static class UserChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http,
				JwtIssuerReactiveAuthenticationManagerResolver resolver) {
			// stateless, as a resource server is: no WebSession (whose creation moves the
			// request to Reactor's parallel scheduler), no CSRF token, no saved request
			return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.authorizeExchange(
						(exchanges) -> exchanges.pathMatchers("/user/open").permitAll().anyExchange().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver(resolver))
				.build();
		}

		@RestController
		static class ThreadController {

			@GetMapping("/user/thread")
			Mono<String> thread() {
				Thread thread = Thread.currentThread();
				return Mono.just(((thread instanceof FastThreadLocalThread) ? "event-loop " : "") + thread.getName());
			}

			@GetMapping("/user/open")
			Mono<String> open() {
				return Mono.just("open");
			}

		}

	}

}
