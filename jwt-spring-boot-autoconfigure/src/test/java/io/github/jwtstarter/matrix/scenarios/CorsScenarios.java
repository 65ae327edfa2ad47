package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser application on another origin (CORS), configured as users of each flavour do:
 * a {@code CorsConfigurationSource} bean ({@link Cors}, added with
 * {@code spring.main.sources}) on Spring MVC, WebFlux and Gateway Server Web MVC, the
 * gateway's {@code globalcors} properties on Gateway Server WebFlux. A preflight is
 * answered by CORS (never asked for a token, never passed on); a preflight from another
 * origin is refused; the actual request still needs its token and carries the CORS
 * header.
 */
class CorsScenarios extends MatrixScenarios {

	static final String SPA = "https://spa.example.com";

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		Map<String, String> properties = pairs("jwt.providers.corp.issuer", "https://corp.example",
				"jwt.providers.corp.jwks.local", TestKeys.toPem(CORP_KEY));
		if (flavour == Flavour.GATEWAY_WEBFLUX) {
			String cors = "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].";
			properties.put(cors + "allowed-origins", SPA);
			properties.put(cors + "allowed-methods", "GET,POST");
			properties.put(cors + "allowed-headers", "Authorization,Content-Type");
		}
		else {
			properties.put("spring.main.sources", Cors.class.getName());
		}
		return properties;
	}

	HttpResponse<String> preflight(String origin) {
		return http().sendWithHeaders("OPTIONS", "/api/orders", "Origin", origin, "Access-Control-Request-Method",
				"GET", "Access-Control-Request-Headers", "authorization");
	}

	@Test
	void preflightIsAnsweredByCorsAndNeverAskedForAToken() {
		HttpResponse<String> response = preflight(SPA);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		received().assertNone();
	}

	@Test
	void preflightFromAnotherOriginIsRefused() {
		HttpResponse<String> response = preflight("https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		received().assertNone();
	}

	@Test
	void actualRequestStillNeedsItsTokenAndCarriesTheCorsHeader() {
		assertTokenRequired(http().getWithHeaders("/api/orders", "Origin", SPA));
		received().assertNone();
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
		HttpResponse<String> allowed = http().getWithHeaders("/api/orders", "Origin", SPA, "Authorization",
				"Bearer " + token);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(SPA);
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

	static CorsConfiguration spa() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of(SPA));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
		return cors;
	}

	/**
	 * The browser application's origin as a {@code CorsConfigurationSource} bean of the
	 * stack's type, which Spring Security applies before anything else.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Cors {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		static class Servlet {

			@Bean
			org.springframework.web.cors.UrlBasedCorsConfigurationSource corsConfigurationSource() {
				org.springframework.web.cors.UrlBasedCorsConfigurationSource source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
				source.registerCorsConfiguration("/**", spa());
				return source;
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class Reactive {

			@Bean
			org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource corsConfigurationSource() {
				org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source = new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
				source.registerCorsConfiguration("/**", spa());
				return source;
			}

		}

	}

}
