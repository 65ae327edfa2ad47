package io.github.jwtstarter.test.web;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.context.WithJwtToken;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Test tokens of a multi-tenant provider (an issuer with {@code {tenant}}, an allow-list
 * and a {@code tenant-claim}): {@code tenant("acme")} makes the tenant's {@code iss} and
 * {@code tid}, which the application's real verification accepts with the tenant in the
 * Authentication; a tenant outside the allow-list and a {@code tid} of another tenant are
 * refused as real tokens are; a token without a tenant fails fast, naming the fix. The
 * tenants' key endpoints are never asked.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "jwt.providers.customers.issuer=https://kc.example/realms/{tenant}",
				"jwt.providers.customers.tenants=acme,globex", "jwt.providers.customers.tenant-claim=tid",
				"jwt.providers.customers.jwks.uri=${unused-endpoint.url}/realms/{tenant}/certs" })
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens
class JwtTestTokensTenantTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@AfterEach
	void noKeyEndpointWasAsked() {
		assertThat(UnusedEndpoint.SHARED.connections()).isZero();
	}

	@Test
	void tokenOfATenantIsVerifiedWithItsTenant() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("customers").tenant("acme").subject("ann"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("ann"))
			.andExpect(jsonPath("$.provider").value("customers"))
			.andExpect(jsonPath("$.tenant").value("acme"));
	}

	@Test
	void tenantOutsideTheAllowListOrAnotherTenantsTidIsRefused() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("customers").tenant("initech"))))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate",
					"Bearer error=\"invalid_token\", error_description=\"unknown issuer\""));
		this.mvc
			.perform(get("/whoami")
				.with(withJwt(this.tokens.provider("customers").tenant("acme").claim("tid", "globex"))))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate",
					"Bearer error=\"invalid_token\", error_description=\"tenant not allowed\""));
	}

	@Test
	void tokenOfAMultiTenantProviderNeedsATenant() {
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.provider("customers").build())
			.withMessageContaining("multi-tenant")
			.withMessageContaining("tenant(\"acme\")");
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.provider("corp").tenant("acme"))
			.withMessageContaining("not multi-tenant");
	}

	@Test
	@WithJwtToken(provider = "customers", tenant = "globex", subject = "gus")
	void withJwtTokenNamesTheTenant() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		assertThat(authentication).isInstanceOfSatisfying(ProviderJwtAuthenticationToken.class, (token) -> {
			assertThat(token.getName()).isEqualTo("gus");
			assertThat(token.getTenant()).isEqualTo("globex");
			assertThat(token.getToken().getClaimAsString("iss")).isEqualTo("https://kc.example/realms/globex");
		});
	}

}
