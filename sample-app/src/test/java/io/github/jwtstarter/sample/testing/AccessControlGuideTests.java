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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The access-control guide's configuration ({@code application-access-control.yml})
 * tested with test tokens, as docs/testing.md shows: the same decisions as
 * {@code AccessControlEndToEndTests}, without the guide's PEM file or any key handling.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens
@ActiveProfiles("access-control")
class AccessControlGuideTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@Test
	void svcACanListPets() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("kube").subject(SVC_A))))
			.andExpect(status().isOk());
	}

	@Test
	void svcACannotAddPets() throws Exception {
		this.mvc.perform(post("/api/pets").with(withJwt(this.tokens.provider("kube").subject(SVC_A))))
			.andExpect(status().isForbidden());
	}

	@Test
	void svcBIsDenied() throws Exception {
		this.mvc
			.perform(get("/api/pets")
				.with(withJwt(this.tokens.provider("kube").subject("system:serviceaccount:default:svc-b"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void forgedTokenIsRejected() throws Exception {
		this.mvc
			.perform(get("/api/pets").with(withJwt(this.tokens.provider("kube").subject(SVC_A).signedByUnknownKey())))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void requestWithoutTokenIsRejectedOutsidePublicPaths() throws Exception {
		this.mvc.perform(get("/api/pets")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/public/hello")).andExpect(status().isOk());
	}

}
