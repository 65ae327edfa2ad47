package io.github.jwtstarter.routing.servlet;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

import static io.github.jwtstarter.test.TestAuthentications.authentication;
import static io.github.jwtstarter.test.TestAuthentications.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtRequestMatchersTests {

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/greeting");

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	private void authenticateAs(String provider) {
		SecurityContextHolder.getContext().setAuthentication(authentication(provider, claims()));
	}

	@Test
	void authorityWhenTheAuthenticationHoldsItThenMatches() {
		authenticateAs("corp");
		assertThat(JwtRequestMatchers.authority("SCOPE_read").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.authority("SCOPE_write").matches(this.request)).isFalse();
	}

	@Test
	void claimWhenValueEqualsThenMatches() {
		authenticateAs("corp");
		assertThat(JwtRequestMatchers.claim("org", "solo.io").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.claim("groups", "dev").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.claim("org", "acme").matches(this.request)).isFalse();
	}

	@Test
	void hasClaimWhenPresentThenMatches() {
		authenticateAs("corp");
		assertThat(JwtRequestMatchers.hasClaim("realm_access.roles").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.hasClaim("nickname").matches(this.request)).isFalse();
	}

	@Test
	void claimMatchesWhenWholeValueMatchesThenMatches() {
		authenticateAs("corp");
		assertThat(JwtRequestMatchers.claimMatches("email", ".*@solo\\.io").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.claimMatches("email", "alice").matches(this.request)).isFalse();
	}

	@Test
	void providerWhenVerifiedByThatProviderThenMatches() {
		authenticateAs("kube");
		assertThat(JwtRequestMatchers.provider("kube").matches(this.request)).isTrue();
		assertThat(JwtRequestMatchers.provider("corp").matches(this.request)).isFalse();
	}

	@Test
	void authenticatedWhenVerifiedJwtThenMatches() {
		authenticateAs("corp");
		assertThat(JwtRequestMatchers.authenticated().matches(this.request)).isTrue();
	}

	@Test
	void anonymousRequestMatchesNoMatcher() {
		List<RequestMatcher> matchers = List.of(JwtRequestMatchers.claim("org", "solo.io"),
				JwtRequestMatchers.hasClaim("org"), JwtRequestMatchers.claimMatches("org", ".*"),
				JwtRequestMatchers.provider("corp"), JwtRequestMatchers.authenticated());
		for (RequestMatcher matcher : matchers) {
			assertThat(matcher.matches(this.request)).as(matcher.toString()).isFalse();
			assertThat(RequestMatchers.not(matcher).matches(this.request)).as(matcher.toString()).isTrue();
		}
	}

	@Test
	void authenticationIsReadFromTheSavedContextWhenTheHolderIsEmpty() {
		this.request.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME,
				new SecurityContextImpl(authentication("kube", claims())));
		assertThat(JwtRequestMatchers.provider("kube").matches(this.request)).isTrue();
	}

	@Test
	void matchersComposeWithSpringSecurityRequestMatchers() {
		authenticateAs("corp");
		RequestMatcher solo = JwtRequestMatchers.claim("org", "solo.io");
		RequestMatcher kube = JwtRequestMatchers.provider("kube");
		assertThat(RequestMatchers.allOf(solo, kube).matches(this.request)).isFalse();
		assertThat(RequestMatchers.anyOf(solo, kube).matches(this.request)).isTrue();
		assertThat(RequestMatchers.allOf(solo, RequestMatchers.not(kube)).matches(this.request)).isTrue();
	}

	@Test
	void equalMatchersAreEqualAndHashAlike() {
		assertThat(JwtRequestMatchers.claim("org", "solo.io")).isEqualTo(JwtRequestMatchers.claim("org", "solo.io"))
			.hasSameHashCodeAs(JwtRequestMatchers.claim("org", "solo.io"))
			.isNotEqualTo(JwtRequestMatchers.claim("org", "acme"))
			.isNotEqualTo(JwtRequestPredicates.claim("org", "solo.io"));
		assertThat(JwtRequestMatchers.hasClaim("org")).isEqualTo(JwtRequestMatchers.hasClaim("org"))
			.hasSameHashCodeAs(JwtRequestMatchers.hasClaim("org"))
			.isNotEqualTo(JwtRequestMatchers.hasClaim("team"));
		assertThat(JwtRequestMatchers.claimMatches("org", "s.*"))
			.isEqualTo(JwtRequestMatchers.claimMatches("org", "s.*"))
			.hasSameHashCodeAs(JwtRequestMatchers.claimMatches("org", "s.*"))
			.isNotEqualTo(JwtRequestMatchers.claimMatches("org", "a.*"));
		assertThat(JwtRequestMatchers.provider("kube")).isEqualTo(JwtRequestMatchers.provider("kube"))
			.hasSameHashCodeAs(JwtRequestMatchers.provider("kube"))
			.isNotEqualTo(JwtRequestMatchers.provider("corp"));
		assertThat(JwtRequestMatchers.authenticated()).isEqualTo(JwtRequestMatchers.authenticated())
			.hasSameHashCodeAs(JwtRequestMatchers.authenticated());
	}

	@Test
	void toStringIsReadable() {
		assertThat(JwtRequestMatchers.claim("org", "solo.io"))
			.hasToString("JwtRequestMatcher [claim('org') == 'solo.io']");
		assertThat(JwtRequestMatchers.hasClaim("org")).hasToString("JwtRequestMatcher [hasClaim('org')]");
		assertThat(JwtRequestMatchers.claimMatches("org", "s.*"))
			.hasToString("JwtRequestMatcher [claim('org') matches 's.*']");
		assertThat(JwtRequestMatchers.provider("kube")).hasToString("JwtRequestMatcher [provider == 'kube']");
		assertThat(JwtRequestMatchers.authenticated()).hasToString("JwtRequestMatcher [authenticated]");
	}

	@Test
	void claimWhenNameEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestMatchers.claim("", "solo.io"))
			.withMessage("name cannot be empty");
	}

	@Test
	void providerWhenIdEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestMatchers.provider(""))
			.withMessage("id cannot be empty");
	}

}
