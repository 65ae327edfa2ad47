package io.github.jwtstarter.sample.gateway;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser application on another origin in front of the gateway (CORS): a preflight for
 * a route that needs a token is answered by CORS (a {@code CorsConfigurationSource} bean
 * on Gateway Server Web MVC, the gateway's {@code globalcors} properties on Server
 * WebFlux, which the starter hands to Spring Security), never 401 and never passed
 * upstream; the actual request still needs its token and carries the CORS header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GatewayCorsEndToEndTests.Cors.class)
abstract class GatewayCorsEndToEndTests {

	static final String SPA = "https://spa.example.com";

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final EchoUpstream primary = EchoUpstream.start("primary");

	static final EchoUpstream canary = EchoUpstream.start("canary");

	static final EchoUpstream pets = EchoUpstream.start("pets");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry, corp::jwksUri);
		registry.add("upstream.primary", primary::uri);
		registry.add("upstream.canary", canary::uri);
		registry.add("upstream.pets", pets::uri);
	}

	@AfterAll
	static void stopServers() {
		corp.close();
		primary.close();
		canary.close();
		pets.close();
	}

	@BeforeEach
	void forgetRequests() {
		primary.reset();
		canary.reset();
		pets.reset();
	}

	HttpResponse<String> preflight(String origin) {
		return new TestHttp(this.port).sendWithHeaders("OPTIONS", "/greeting", "Origin", origin,
				"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
	}

	@Test
	void preflightForARouteThatNeedsATokenIsAnsweredByCors() {
		HttpResponse<String> response = preflight(SPA);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(primary.received()).isEmpty();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void preflightFromAnotherOriginIsRefusedByCors() {
		HttpResponse<String> response = preflight("https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(primary.received()).isEmpty();
	}

	@Test
	void actualRequestStillNeedsItsTokenAndCarriesTheCorsHeader() {
		TestHttp http = new TestHttp(this.port);
		HttpResponse<String> anonymous = http.getWithHeaders("/greeting", "Origin", SPA);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		String token = TestJwts.issuer("https://corp.example")
			.audience("sample-gateway")
			.subject("alice")
			.claim("org", "acme")
			.signWith(CORP_KEY);
		HttpResponse<String> allowed = http.getWithHeaders("/greeting", "Origin", SPA, "Authorization",
				"Bearer " + token);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(SPA);
		assertThat(primary.received()).hasSize(1);
	}

	static CorsConfiguration spa() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of(SPA));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
		return cors;
	}

	/**
	 * The browser application's origin on Gateway Server Web MVC: a
	 * {@code CorsConfigurationSource} bean, which Spring Security applies before any
	 * route is chosen. (Server WebFlux: the gateway's {@code globalcors} properties, in
	 * {@code ReactiveGatewayCorsEndToEndTests}.)
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Cors {

		@Bean
		UrlBasedCorsConfigurationSource corsConfigurationSource() {
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/**", spa());
			return source;
		}

	}

}
