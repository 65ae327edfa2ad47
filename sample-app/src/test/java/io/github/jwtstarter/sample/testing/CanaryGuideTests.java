package io.github.jwtstarter.sample.testing;

import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The canary guide's configuration ({@code application-canary.yml}) tested with test
 * tokens, as docs/testing.md shows: the same routing as
 * {@code CanaryRoutingEndToEndTests}. The providers are declared here with issuer and
 * audience only (as in production, where keys would come from OIDC discovery): their keys
 * are test keys, so nothing is discovered.
 */
@SpringBootTest(
		properties = { "jwt.providers.corp.issuer=https://corp.example", "jwt.providers.corp.audiences=pets-api",
				"jwt.providers.partner.issuer=https://partner.example", "jwt.providers.partner.audiences=pets-api" })
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens
@ActiveProfiles("canary")
class CanaryGuideTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@Test
	void soloIoTokenIsServedByTheCanary() throws Exception {
		this.mvc.perform(get("/api/greeting").with(withJwt(this.tokens.provider("corp").claim("org", "solo.io"))))
			.andExpect(jsonPath("$.build").value("canary"));
		this.mvc.perform(get("/api/greeting/fn").with(withJwt(this.tokens.provider("partner").claim("org", "solo.io"))))
			.andExpect(jsonPath("$.build").value("canary"));
	}

	@Test
	void otherOrgIsServedByThePrimary() throws Exception {
		this.mvc.perform(get("/api/greeting").with(withJwt(this.tokens.provider("corp").claim("org", "acme"))))
			.andExpect(jsonPath("$.build").value("primary"))
			.andExpect(jsonPath("$.company").value("acme"));
	}

	@Test
	void clientSentCompanyHeaderCannotPickTheCanary() throws Exception {
		this.mvc
			.perform(get("/api/greeting").header("x-company", "solo.io")
				.with(withJwt(this.tokens.provider("corp").claim("org", "acme"))))
			.andExpect(jsonPath("$.build").value("primary"));
	}

}
