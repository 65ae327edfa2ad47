package io.github.jwtstarter.test.web;

import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The policy of the access-control guide (only svc-a of the kube provider may GET
 * /api/pets) decides on test tokens as on real ones.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "jwt.rbac.policies.pets-readers.permissions.paths=/api/pets/**",
				"jwt.rbac.policies.pets-readers.permissions.methods=GET",
				"jwt.rbac.policies.pets-readers.principals[0].provider=kube",
				"jwt.rbac.policies.pets-readers.principals[0].claims.sub=system:serviceaccount:default:svc-a" })
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens
class JwtTestTokensRbacTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@Test
	void policyPrincipalMayReadPets() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("kube").subject(SVC_A))))
			.andExpect(status().isOk());
	}

	@Test
	void policyPrincipalMayNotWritePets() throws Exception {
		this.mvc.perform(post("/api/pets").with(withJwt(this.tokens.provider("kube").subject(SVC_A))))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate",
					"Bearer error=\"insufficient_scope\", error_description=\"access denied\""));
	}

	@Test
	void anotherSubjectIsDenied() throws Exception {
		this.mvc
			.perform(get("/api/pets")
				.with(withJwt(this.tokens.provider("kube").subject("system:serviceaccount:default:svc-b"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void sameSubjectFromAnotherProviderIsDenied() throws Exception {
		this.mvc.perform(get("/api/pets").with(withJwt(this.tokens.provider("corp").subject(SVC_A))))
			.andExpect(status().isForbidden());
	}

}
