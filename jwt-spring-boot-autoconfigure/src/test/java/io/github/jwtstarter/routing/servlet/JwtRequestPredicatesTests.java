package io.github.jwtstarter.routing.servlet;

import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.ServerRequest;

import static io.github.jwtstarter.test.TestAuthentications.authentication;
import static io.github.jwtstarter.test.TestAuthentications.claims;
import static io.github.jwtstarter.test.TestAuthentications.jwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtRequestPredicatesTests {

	private final MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/api/greeting");

	private final ServerRequest request = ServerRequest.create(this.servletRequest, List.of());

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	private void authenticate(Authentication authentication) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	@Test
	void claimWhenValueEqualsThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.claim("org", "solo.io").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.claim("org", "acme").test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.claim("org", "solo").test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.claim("missing", "solo.io").test(this.request)).isFalse();
	}

	@Test
	void claimWhenNumberThenComparesItsText() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.claim("level", "42").test(this.request)).isTrue();
	}

	@Test
	void claimWhenListThenMatchesAnElement() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.claim("groups", "ops").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.claim("groups", "dev,ops").test(this.request)).isFalse();
	}

	@Test
	void claimWhenNestedPathThenResolvesIt() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.claim("realm_access.roles", "admin").test(this.request)).isTrue();
	}

	@Test
	void hasClaimWhenPresentThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.hasClaim("groups").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.hasClaim("realm_access.roles").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.hasClaim("nickname").test(this.request)).isFalse();
	}

	@Test
	void claimMatchesWhenWholeValueMatchesThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.claimMatches("email", ".*@solo\\.io").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.claimMatches("email", "solo").test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.claimMatches("groups", "o.s").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.claimMatches("nickname", ".*").test(this.request)).isFalse();
	}

	@Test
	void providerWhenVerifiedByThatProviderThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.provider("corp").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.provider("kube").test(this.request)).isFalse();
	}

	@Test
	void providerWhenJwtAuthenticationWithoutProviderThenDoesNotMatch() {
		authenticate(new JwtAuthenticationToken(jwt(claims()), List.of(), "alice"));
		assertThat(JwtRequestPredicates.provider("corp").test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.claim("org", "solo.io").test(this.request)).isTrue();
	}

	@Test
	void authorityWhenTheAuthenticationHoldsItThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.authority("SCOPE_read").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.authority("SCOPE_write").test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.authority("scope_read").test(this.request)).isFalse();
	}

	@Test
	void authorityWhenNotAJwtThenDoesNotMatch() {
		authenticate(new TestingAuthenticationToken("alice", "secret", "SCOPE_read"));
		assertThat(JwtRequestPredicates.authority("SCOPE_read").test(this.request)).isFalse();
	}

	@Test
	void authorityIsAValue() {
		assertThat(JwtRequestPredicates.authority("SCOPE_read")).isEqualTo(JwtRequestPredicates.authority("SCOPE_read"))
			.hasSameHashCodeAs(JwtRequestPredicates.authority("SCOPE_read"))
			.isNotEqualTo(JwtRequestPredicates.authority("SCOPE_write"))
			.hasToString("jwt.hasAuthority('SCOPE_read')");
	}

	@Test
	void authorityWhenEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.authority(""))
			.withMessage("authority cannot be empty");
	}

	@Test
	void authenticatedWhenVerifiedJwtThenMatches() {
		authenticate(authentication("corp", claims()));
		assertThat(JwtRequestPredicates.authenticated().test(this.request)).isTrue();
	}

	@Test
	void authenticatedWhenNotAJwtOrNotAuthenticatedThenDoesNotMatch() {
		authenticate(new TestingAuthenticationToken("alice", "secret", "ROLE_USER"));
		assertThat(JwtRequestPredicates.authenticated().test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.hasClaim("sub").test(this.request)).isFalse();
		authenticate(new JwtAuthenticationToken(jwt(claims())));
		assertThat(JwtRequestPredicates.authenticated().test(this.request)).isFalse();
		assertThat(JwtRequestPredicates.claim("org", "solo.io").test(this.request)).isFalse();
	}

	@Test
	void anonymousRequestMatchesNoPredicateButTheirNegations() {
		List<RequestPredicate> predicates = List.of(JwtRequestPredicates.claim("org", "solo.io"),
				JwtRequestPredicates.hasClaim("org"), JwtRequestPredicates.claimMatches("org", ".*"),
				JwtRequestPredicates.provider("corp"), JwtRequestPredicates.authenticated());
		for (RequestPredicate predicate : predicates) {
			assertThat(predicate.test(this.request)).as(predicate.toString()).isFalse();
			assertThat(predicate.negate().test(this.request)).as(predicate.toString()).isTrue();
		}
	}

	@Test
	void authenticationIsReadFromTheSavedContextWhenTheHolderIsEmpty() {
		this.servletRequest.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME,
				new SecurityContextImpl(authentication("corp", claims())));
		assertThat(JwtRequestPredicates.provider("corp").test(this.request)).isTrue();
	}

	@Test
	void predicatesComposeWithAndOrNegate() {
		authenticate(authentication("corp", claims()));
		RequestPredicate solo = JwtRequestPredicates.claim("org", "solo.io");
		RequestPredicate kube = JwtRequestPredicates.provider("kube");
		assertThat(solo.and(kube).test(this.request)).isFalse();
		assertThat(solo.or(kube).test(this.request)).isTrue();
		assertThat(solo.and(kube.negate()).test(this.request)).isTrue();
		assertThat(RequestPredicates.GET("/api/**").and(solo).test(this.request)).isTrue();
		assertThat(RequestPredicates.POST("/api/**").and(solo).test(this.request)).isFalse();
	}

	@Test
	void equalPredicatesAreEqualAndHashAlike() {
		assertThat(JwtRequestPredicates.claim("org", "solo.io")).isEqualTo(JwtRequestPredicates.claim("org", "solo.io"))
			.hasSameHashCodeAs(JwtRequestPredicates.claim("org", "solo.io"))
			.isNotEqualTo(JwtRequestPredicates.claim("org", "acme"))
			.isNotEqualTo(JwtRequestPredicates.claim("team", "solo.io"))
			.isNotEqualTo(JwtRequestPredicates.claimMatches("org", "solo.io"));
		assertThat(JwtRequestPredicates.hasClaim("org")).isEqualTo(JwtRequestPredicates.hasClaim("org"))
			.hasSameHashCodeAs(JwtRequestPredicates.hasClaim("org"))
			.isNotEqualTo(JwtRequestPredicates.hasClaim("team"));
		assertThat(JwtRequestPredicates.claimMatches("org", "s.*"))
			.isEqualTo(JwtRequestPredicates.claimMatches("org", "s.*"))
			.hasSameHashCodeAs(JwtRequestPredicates.claimMatches("org", "s.*"))
			.isNotEqualTo(JwtRequestPredicates.claimMatches("org", "a.*"));
		assertThat(JwtRequestPredicates.provider("kube")).isEqualTo(JwtRequestPredicates.provider("kube"))
			.hasSameHashCodeAs(JwtRequestPredicates.provider("kube"))
			.isNotEqualTo(JwtRequestPredicates.provider("corp"));
		assertThat(JwtRequestPredicates.authenticated()).isEqualTo(JwtRequestPredicates.authenticated())
			.hasSameHashCodeAs(JwtRequestPredicates.authenticated())
			.isNotEqualTo(JwtRequestMatchers.authenticated());
	}

	@Test
	void toStringIsReadable() {
		assertThat(JwtRequestPredicates.claim("org", "solo.io")).hasToString("jwt.claim('org') == 'solo.io'");
		assertThat(JwtRequestPredicates.hasClaim("org")).hasToString("jwt.hasClaim('org')");
		assertThat(JwtRequestPredicates.claimMatches("email", ".*@solo\\.io"))
			.hasToString("jwt.claim('email') matches '.*@solo\\.io'");
		assertThat(JwtRequestPredicates.provider("kube")).hasToString("jwt.provider == 'kube'");
		assertThat(JwtRequestPredicates.authenticated()).hasToString("jwt.authenticated");
		assertThat(JwtRequestPredicates.claim("org", "solo.io").and(JwtRequestPredicates.provider("kube").negate()))
			.hasToString("(jwt.claim('org') == 'solo.io' && !jwt.provider == 'kube')");
	}

	@Test
	void claimWhenNameEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.claim("", "solo.io"))
			.withMessage("name cannot be empty");
	}

	@Test
	void claimWhenValueNullThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.claim("org", null))
			.withMessage("value cannot be null");
	}

	@Test
	void hasClaimWhenNameEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.hasClaim(" "))
			.withMessage("name cannot be empty");
	}

	@Test
	void claimMatchesWhenRegexInvalidThenThrows() {
		assertThatExceptionOfType(PatternSyntaxException.class)
			.isThrownBy(() -> JwtRequestPredicates.claimMatches("org", "("));
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.claimMatches("org", null))
			.withMessage("regex cannot be null");
	}

	@Test
	void providerWhenIdEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRequestPredicates.provider(""))
			.withMessage("id cannot be empty");
	}

	@Test
	void claimWithMapValueComparesCompactJson() {
		authenticate(authentication("corp", Map.of("address", Map.of("city", "Boston"))));
		assertThat(JwtRequestPredicates.claim("address", "{\"city\":\"Boston\"}").test(this.request)).isTrue();
	}

	@Test
	void claimWhenPathCrossesDottedKeyThenMatchesNestedValue() {
		authenticate(authentication("kube",
				Map.of("kubernetes.io", Map.of("namespace", "default", "serviceaccount", Map.of("name", "svc-a")))));
		assertThat(JwtRequestPredicates.claim("kubernetes.io.namespace", "default").test(this.request)).isTrue();
		assertThat(JwtRequestPredicates.claim("[kubernetes.io].serviceaccount.name", "svc-a").test(this.request))
			.isTrue();
		assertThat(JwtRequestPredicates.claimMatches("kubernetes.io.serviceaccount.name", "svc-.*").test(this.request))
			.isTrue();
		assertThat(JwtRequestPredicates.claim("kubernetes.io.namespace", "kube-system").test(this.request)).isFalse();
	}

}
