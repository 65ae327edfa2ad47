package io.github.jwtstarter.test.context;

import java.lang.reflect.Method;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.TestApplication.OrgService;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code @WithJwtToken} runs a test as the holder of a real token that the application's
 * verifier accepted, and {@code @PreAuthorize} decides on it as in production.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureJwtTestTokens
class WithJwtTokenTests {

	@Autowired
	OrgService orgs;

	@Autowired
	JwtTestTokens tokens;

	@Autowired
	JwtVerifier verifier;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@Test
	@WithJwtToken(provider = "corp", subject = "alice", claims = "{\"org\": \"solo.io\"}")
	void claimRuleAllowsTheTokensOrg() {
		assertThat(this.orgs.soloIoOnly()).isEqualTo("solo.io");
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		assertThat(authentication).isInstanceOf(ProviderJwtAuthenticationToken.class);
		assertThat(((ProviderJwtAuthenticationToken) authentication).getProviderId()).isEqualTo("corp");
		assertThat(authentication.getName()).isEqualTo("alice");
	}

	@Test
	@WithJwtToken(provider = "corp", claims = "{\"org\": \"acme\"}")
	void claimRuleDeniesAnotherOrg() {
		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(this.orgs::soloIoOnly);
	}

	@Test
	@WithJwtToken(provider = "partner", scopes = { "pets.read", "pets.write" })
	void authorityRuleUsesTheProvidersAuthorities() {
		assertThat(this.orgs.writePets()).isEqualTo("written");
	}

	@Test
	@WithJwtToken(provider = "kube", claims = "{\"groups\": [\"ops\"]}")
	void authoritiesComeFromTheProvidersMapping() {
		assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities()).extracting(Object::toString)
			.containsExactly("GROUP_ops");
		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(this.orgs::writePets);
	}

	@Test
	void tokenForAnotherAudienceFailsTheTestBeforeItRuns() throws Exception {
		WithJwtToken annotation = annotation("wrongAudience");
		WithJwtTokenSecurityContextFactory factory = new WithJwtTokenSecurityContextFactory(this.tokens, this.verifier);
		assertThatIllegalStateException().isThrownBy(() -> factory.createSecurityContext(annotation))
			.withMessageContaining("corp")
			.withMessageContaining("audience not allowed");
	}

	@Test
	void tokenWithoutAProvidersRequiredClaimFailsTheTestBeforeItRuns() throws Exception {
		WithJwtToken annotation = annotation("requiredClaimFalse");
		WithJwtTokenSecurityContextFactory factory = new WithJwtTokenSecurityContextFactory(this.tokens, this.verifier);
		assertThatIllegalStateException().isThrownBy(() -> factory.createSecurityContext(annotation))
			.withMessageContaining("required claim not satisfied");
	}

	static WithJwtToken annotation(String methodName) throws NoSuchMethodException {
		Method method = Samples.class.getDeclaredMethod(methodName);
		return AnnotatedElementUtils.findMergedAnnotation(method, WithJwtToken.class);
	}

	static class Samples {

		@WithJwtToken(provider = "corp", claims = "{\"aud\": \"orders-api\"}")
		void wrongAudience() {
		}

		@WithJwtToken(provider = "partner", claims = "{\"email_verified\": false}")
		void requiredClaimFalse() {
		}

	}

}
