package io.github.jwtstarter.test.web;

import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import io.github.jwtstarter.test.web.reactive.JwtWebTestClient;
import io.github.jwtstarter.test.web.servlet.JwtRestTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RestTestClient and WebTestClient against the running servlet application over real
 * HTTP: each helper puts the token in the provider's header, query parameter or cookie.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureJwtTestTokens
class JwtTestTokensHttpClientsTests {

	@Autowired
	JwtTestTokens tokens;

	@LocalServerPort
	int port;

	RestTestClient rest;

	WebTestClient web;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@BeforeEach
	void clients() {
		this.rest = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		this.web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@AfterEach
	void noKeySourceWasContacted() {
		assertThat(UnusedEndpoint.SHARED.connections()).isZero();
	}

	@Test
	void restTestClientSendsTheTokenInTheProvidersHeader() {
		this.rest.mutate()
			.requestInterceptor(JwtRestTestClient.withJwt(this.tokens.provider("partner")))
			.build()
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.provider")
			.isEqualTo("partner");
	}

	@Test
	void restTestClientSendsTheTokenInTheProvidersQueryParameter() {
		this.rest.mutate()
			.requestInterceptor(
					JwtRestTestClient.withJwt(this.tokens.provider("partner").subject("bob").inQueryParam()))
			.build()
			.get()
			.uri("/whoami?x=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("bob");
	}

	@Test
	void restTestClientSendsTheTokenInTheProvidersCookie() {
		this.rest.mutate()
			.requestInterceptor(JwtRestTestClient.withJwt(this.tokens.provider("corp").inCookie()))
			.build()
			.get()
			.uri("/whoami")
			.cookie("other", "value")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.provider")
			.isEqualTo("corp");
	}

	@Test
	void restTestClientRequestWithAnExpiredTokenIsRejectedWith401() {
		this.rest.mutate()
			.requestInterceptor(JwtRestTestClient.withJwt(this.tokens.provider("corp").expired()))
			.build()
			.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\"");
	}

	@Test
	void webTestClientSendsTheTokenInTheProvidersHeader() {
		this.web.mutateWith(JwtWebTestClient.withJwt(this.tokens.provider("corp").subject("alice")))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("alice");
	}

	@Test
	void webTestClientSendsTheTokenInTheProvidersQueryParameter() {
		this.web.mutateWith(JwtWebTestClient.withJwt(this.tokens.provider("partner").inQueryParam()))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.provider")
			.isEqualTo("partner");
	}

	@Test
	void webTestClientSendsTheTokenInTheProvidersCookie() {
		this.web.mutateWith(JwtWebTestClient.withJwt(this.tokens.provider("corp").inCookie()))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.provider")
			.isEqualTo("corp");
	}

	@Test
	void webTestClientRequestWithATokenForAnotherAudienceIsRejectedWith401() {
		this.web.mutateWith(JwtWebTestClient.withJwt(this.tokens.provider("corp").audience("orders-api")))
			.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

}
