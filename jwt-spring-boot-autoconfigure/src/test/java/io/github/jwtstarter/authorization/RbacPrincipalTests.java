package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RbacPrincipalTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256");
		claims.forEach(builder::claim);
		return builder.build();
	}

	static ProviderJwtAuthenticationToken token(String provider, Map<String, Object> claims) {
		return new ProviderJwtAuthenticationToken(jwt(claims), List.of(), "name", provider);
	}

	@Test
	void matchesWhenAllClaimsMatchThenTrue() {
		RbacPrincipal principal = new RbacPrincipal(null,
				List.of(ClaimMatchers.exactString("sub", SVC_A), ClaimMatchers.listContains("groups", "readers")));
		assertThat(principal.matches(token("kube", Map.of("sub", SVC_A, "groups", List.of("readers"))))).isTrue();
	}

	@Test
	void matchesWhenOneClaimDoesNotMatchThenFalse() {
		RbacPrincipal principal = new RbacPrincipal(null,
				List.of(ClaimMatchers.exactString("sub", SVC_A), ClaimMatchers.listContains("groups", "readers")));
		assertThat(principal.matches(token("kube", Map.of("sub", SVC_A)))).isFalse();
		assertThat(principal.matches(token("kube", Map.of("sub", "svc-b", "groups", List.of("readers"))))).isFalse();
	}

	@Test
	void matchesWhenProviderBoundThenOnlyTokensOfThatProvider() {
		RbacPrincipal principal = new RbacPrincipal("kube", List.of(ClaimMatchers.exactString("sub", SVC_A)));
		assertThat(principal.matches(token("kube", Map.of("sub", SVC_A)))).isTrue();
		assertThat(principal.matches(token("corp", Map.of("sub", SVC_A)))).isFalse();
		JwtAuthenticationToken plain = new JwtAuthenticationToken(jwt(Map.of("sub", SVC_A)), List.of());
		assertThat(principal.matches(plain)).isFalse();
	}

	@Test
	void matchesWhenNotProviderBoundThenAnyJwtAuthentication() {
		RbacPrincipal principal = new RbacPrincipal(null, List.of(ClaimMatchers.exactString("sub", SVC_A)));
		assertThat(principal.matches(token("corp", Map.of("sub", SVC_A)))).isTrue();
		assertThat(principal.matches(new JwtAuthenticationToken(jwt(Map.of("sub", SVC_A)), List.of()))).isTrue();
	}

	@Test
	void matchesWhenNotJwtAuthenticatedThenFalse() {
		RbacPrincipal principal = new RbacPrincipal(null, List.of(ClaimMatchers.exactString("sub", SVC_A)));
		assertThat(principal.matches(null)).isFalse();
		assertThat(principal.matches(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
			.isFalse();
		assertThat(principal.matches(new TestingAuthenticationToken(SVC_A, "password", "ROLE_USER"))).isFalse();
		ProviderJwtAuthenticationToken unauthenticated = token("kube", Map.of("sub", SVC_A));
		unauthenticated.setAuthenticated(false);
		assertThat(principal.matches(unauthenticated)).isFalse();
	}

	@Test
	void principalsAreValuesWithEqualsAndToString() {
		RbacPrincipal principal = new RbacPrincipal("kube", List.of(ClaimMatchers.exactString("sub", SVC_A)));
		assertThat(principal).isEqualTo(new RbacPrincipal("kube", List.of(ClaimMatchers.exactString("sub", SVC_A))))
			.hasSameHashCodeAs(new RbacPrincipal("kube", List.of(ClaimMatchers.exactString("sub", SVC_A))))
			.isNotEqualTo(new RbacPrincipal(null, List.of(ClaimMatchers.exactString("sub", SVC_A))))
			.hasToString("RbacPrincipal[provider=kube, claims=[sub exact-string \"" + SVC_A + "\"]]");
	}

	@Test
	void matchesWhenAnExcludingClaimMatchesThenFalse() {
		RbacPrincipal principal = new RbacPrincipal("corp", List.of(),
				List.of(ClaimMatchers.listContains("groups", "admins")));
		assertThat(principal.matches(token("corp", Map.of("groups", List.of("dev"))))).isTrue();
		assertThat(principal.matches(token("corp", Map.of("sub", "alice")))).isTrue();
		assertThat(principal.matches(token("corp", Map.of("groups", List.of("dev", "admins"))))).isFalse();
		assertThat(principal.matches(token("kube", Map.of("groups", List.of("dev"))))).isFalse();
	}

	@Test
	void matchesWhenOnlyExclusionsThenACallerWithoutATokenMatchesToo() {
		RbacPrincipal everyoneButAdmins = new RbacPrincipal(null, List.of(),
				List.of(ClaimMatchers.listContains("groups", "admins")));
		assertThat(everyoneButAdmins.matches(null)).isTrue();
		assertThat(everyoneButAdmins.matches(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
			.isTrue();
		assertThat(everyoneButAdmins.matches(token("corp", Map.of("groups", List.of("admins"))))).isFalse();
		RbacPrincipal providerButAdmins = new RbacPrincipal("corp", List.of(),
				List.of(ClaimMatchers.listContains("groups", "admins")));
		assertThat(providerButAdmins.matches(null)).isFalse();
	}

	@Test
	void constructorWhenNotClaimsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPrincipal(null, List.of(), null))
			.withMessage("notClaims cannot be null");
	}

	@Test
	void constructorWhenClaimsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPrincipal(null, null))
			.withMessage("claims cannot be null");
	}

	@Test
	void constructorWhenNeitherProviderNorClaimsThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPrincipal(null, List.of()))
			.withMessage("a principal needs a provider or at least one claim");
	}

	@Test
	void matchesWhenOnlyAProviderThenAnyTokenOfThatProvider() {
		RbacPrincipal principal = new RbacPrincipal("kube", List.of());
		assertThat(principal.matches(token("kube", Map.of("sub", "anyone")))).isTrue();
		assertThat(principal.matches(token("corp", Map.of("sub", "anyone")))).isFalse();
	}

}
