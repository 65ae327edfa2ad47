package io.github.jwtstarter.test.web;

import java.util.List;

import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tokens minted for each kind of provider (remote JWK Set, discovery, local PEM) go
 * through the application's real chain; the configured key sources are never used.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens
class JwtTestTokensMockMvcTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@AfterEach
	void noKeySourceWasContacted() {
		assertThat(UnusedEndpoint.SHARED.connections()).isZero();
	}

	static ResultMatcher invalidToken(String description) {
		return header().string("WWW-Authenticate",
				"Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
	}

	@Test
	void remoteJwkSetProviderTokenIsVerified() throws Exception {
		this.mvc
			.perform(get("/whoami").with(withJwt(this.tokens.provider("corp").subject("alice").scopes("pets.read"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("alice"))
			.andExpect(jsonPath("$.provider").value("corp"))
			.andExpect(jsonPath("$.authorities", contains("SCOPE_pets.read")));
	}

	@Test
	void discoveryProviderTokenIsVerifiedWithItsAlgorithmAndHeader() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("partner").subject("bob"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("bob"))
			.andExpect(jsonPath("$.provider").value("partner"));
	}

	@Test
	void localPemProviderTokenIsVerifiedWithItsAuthorities() throws Exception {
		this.mvc
			.perform(get("/whoami").with(withJwt(this.tokens.provider("kube")
				.subject("system:serviceaccount:default:svc-a")
				.claim("groups", List.of("ops", "dev"))
				.withoutClaim("exp"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("kube"))
			.andExpect(jsonPath("$.authorities", contains("GROUP_dev", "GROUP_ops")));
	}

	@Test
	void tokenTravelsInTheProvidersQueryParameter() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("partner").inQueryParam())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("partner"));
	}

	@Test
	void tokenTravelsInTheProvidersCookie() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("corp").inCookie())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("corp"));
	}

	@Test
	void tokenInALocationItsProviderDoesNotReadIsRejected() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("corp").inQueryParam("access_token"))))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void claimsToHeadersShapeTheRequest() throws Exception {
		this.mvc
			.perform(get("/whoami").header("x-company", "forged")
				.with(withJwt(this.tokens.provider("corp").claim("org", "solo.io"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.company").value("solo.io"));
	}

	@Test
	void requestWithoutTokenIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"));
	}

	@Test
	void expiredTokenIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp").expired())))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("expired"));
	}

	@Test
	void tokenSignedByAnUnknownKeyIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("partner").signedByUnknownKey())))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("invalid signature"));
	}

	@Test
	void tokenOfProviderAWithProviderBsIssuerIsRejectedWith401() throws Exception {
		// signed with corp's key, claiming partner's issuer, sent where partner reads
		// tokens
		this.mvc
			.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp")
				.issuer(UnusedEndpoint.SHARED.url() + "/partner")
				.claim("email_verified", true)
				.inHeader("X-Partner-Token", ""))))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("invalid signature"));
	}

	@Test
	void tokenOfAnUnknownIssuerIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp").issuer("https://other.example"))))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("unknown issuer"));
	}

	@Test
	void tokenForAnotherAudienceIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp").audience("orders-api"))))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("audience not allowed"));
	}

	@Test
	void tokenWithoutARequiredClaimIsRejectedWith401() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("partner").withoutClaim("email_verified"))))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("required claim not satisfied"));
	}

	@Test
	void tokenWithoutKidIsVerifiedWithTheProvidersOnlyKey() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp").withoutKid())))
			.andExpect(status().isOk());
	}

	@Test
	void preAuthorizeDecidesOnTheTokensAuthorities() throws Exception {
		this.mvc.perform(post("/api/pets").with(withJwt(this.tokens.provider("corp").scopes("pets.read"))))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate",
					"Bearer error=\"insufficient_scope\", error_description=\"access denied\""));
		this.mvc
			.perform(post("/api/pets").with(withJwt(this.tokens.provider("corp").scopes("pets.read", "pets.write"))))
			.andExpect(status().isCreated());
	}

	@Test
	void routeOpenWithoutTokenStillAuthenticatesAToken() throws Exception {
		this.mvc.perform(get("/public/hello"))
			.andExpect(status().isOk())
			.andExpect(content().string("hello anonymousUser"));
		this.mvc.perform(get("/public/hello").with(withJwt(this.tokens.provider("corp").subject("alice"))))
			.andExpect(content().string("hello alice"));
	}

	@Test
	void routeLimitedToOneProviderRejectsTheOthers() throws Exception {
		this.mvc.perform(get("/partners/orders").with(withJwt(this.tokens.provider("partner"))))
			.andExpect(status().isOk());
		this.mvc.perform(get("/partners/orders").with(withJwt(this.tokens.provider("corp"))))
			.andExpect(status().isUnauthorized())
			.andExpect(invalidToken("issuer not allowed here"));
	}

}
