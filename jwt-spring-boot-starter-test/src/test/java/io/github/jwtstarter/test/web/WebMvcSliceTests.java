package io.github.jwtstarter.test.web;

import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code @WebMvcTest} gets the starter's filter chain, routes and method security from
 * {@code @AutoConfigureJwtTestTokens}.
 */
@WebMvcTest(TestApplication.PetsController.class)
@ContextConfiguration(classes = TestApplication.class)
@Import(TestApplication.OrgService.class)
@AutoConfigureJwtTestTokens
class WebMvcSliceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@Test
	void tokenIsVerifiedInTheSlice() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("corp").subject("alice"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("corp"));
	}

	@Test
	void requestWithoutTokenIsRejectedInTheSlice() throws Exception {
		this.mvc.perform(get("/api/pets")).andExpect(status().isUnauthorized());
	}

	@Test
	void preAuthorizeAppliesInTheSlice() throws Exception {
		this.mvc.perform(post("/api/pets").with(withJwt(this.tokens.provider("corp"))))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/pets").with(withJwt(this.tokens.provider("corp").scopes("pets.write"))))
			.andExpect(status().isCreated());
	}

}
