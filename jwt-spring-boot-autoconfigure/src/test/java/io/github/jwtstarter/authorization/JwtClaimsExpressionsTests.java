package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtClaimsExpressionsTests {

	final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	final JwtClaimsExpressions jwt = new JwtClaimsExpressions(this.strategy);

	@AfterEach
	void signOut() {
		this.strategy.clearContext();
	}

	void signIn(Authentication authentication) {
		this.strategy.setContext(new SecurityContextImpl(authentication));
	}

	void signIn(String provider, Map<String, Object> claims) {
		signIn(RbacPrincipalTests.token(provider, claims));
	}

	@Test
	void claimWhenPresentThenValue() {
		signIn("corp", Map.of("org", "solo.io", "realm_access", Map.of("roles", List.of("admin")),
				"https://example.com/tier", "gold"));
		assertThat(this.jwt.claim("org")).isEqualTo("solo.io");
		assertThat(this.jwt.claim("realm_access.roles")).isEqualTo(List.of("admin"));
		assertThat(this.jwt.claim("https://example.com/tier")).isEqualTo("gold");
		assertThat(this.jwt.claim("missing")).isNull();
	}

	@Test
	void hasClaimWhenStringEqualsOrListContainsThenTrue() {
		signIn("corp", Map.of("org", "solo.io", "groups", List.of("dev", "admins")));
		assertThat(this.jwt.hasClaim("org", "solo.io")).isTrue();
		assertThat(this.jwt.hasClaim("groups", "admins")).isTrue();
		assertThat(this.jwt.hasClaim("org")).isTrue();
	}

	@Test
	void hasClaimWhenOtherValueMissingOrWrongTypeThenFalse() {
		signIn("corp", Map.of("org", "acme", "groups", List.of("dev"), "level", 3, "admin", true));
		assertThat(this.jwt.hasClaim("org", "solo.io")).isFalse();
		assertThat(this.jwt.hasClaim("groups", "admins")).isFalse();
		assertThat(this.jwt.hasClaim("missing", "x")).isFalse();
		assertThat(this.jwt.hasClaim("missing")).isFalse();
		assertThat(this.jwt.hasClaim("level", "4")).isFalse();
		assertThat(this.jwt.hasClaim("admin", "false")).isFalse();
	}

	@Test
	void hasClaimComparesNumbersAndBooleansAsTextAsThePredicatesAndRbacDo() {
		signIn("corp", Map.of("level", 3, "admin", true, "levels", List.of(1, 3)));
		assertThat(this.jwt.hasClaim("level", "3")).isTrue();
		assertThat(this.jwt.hasClaim("admin", "true")).isTrue();
		assertThat(this.jwt.hasClaim("levels", "3")).isTrue();
	}

	@Test
	void hasClaimWithANamedComparisonUsesThatComparison() {
		signIn("corp", Map.of("admin", "true", "verified", true, "groups", List.of("dev", "admins")));
		assertThat(this.jwt.hasClaim("verified", "boolean", "true")).isTrue();
		assertThat(this.jwt.hasClaim("admin", "boolean", "true")).isFalse();
		assertThat(this.jwt.hasClaim("admin", "typed-equals", "true")).isFalse();
		assertThat(this.jwt.hasClaim("admin", "exact-string", "true")).isTrue();
		assertThat(this.jwt.hasClaim("groups", "list-contains", "admins")).isTrue();
		assertThat(this.jwt.hasClaim("groups", "LIST_CONTAINS", "admins")).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> this.jwt.hasClaim("groups", "contains", "admins"))
			.withMessageContaining("unknown comparison 'contains'");
	}

	@Test
	void claimMatchesWhenTheRegexMatchesTheValueOrAnElementThenTrue() {
		signIn("corp", Map.of("email", "alice@solo.io", "groups", List.of("dev", "admins")));
		assertThat(this.jwt.claimMatches("email", ".*@solo\\.io")).isTrue();
		assertThat(this.jwt.claimMatches("email", "solo")).isFalse();
		assertThat(this.jwt.claimMatches("groups", "adm.*")).isTrue();
		assertThat(this.jwt.claimMatches("missing", ".*")).isFalse();
	}

	@Test
	void providerWhenVerifiedByThatProviderThenTrue() {
		signIn("kube", Map.of("sub", "svc-a"));
		assertThat(this.jwt.provider("kube")).isTrue();
		assertThat(this.jwt.provider("corp")).isFalse();
	}

	@Test
	void everyCheckIsFalseWithoutJwtAuthentication() {
		assertThat(this.jwt.claim("sub")).isNull();
		assertThat(this.jwt.hasClaim("sub")).isFalse();
		assertThat(this.jwt.provider("kube")).isFalse();
		signIn(new TestingAuthenticationToken("alice", "password", "ROLE_USER"));
		assertThat(this.jwt.claim("sub")).isNull();
		assertThat(this.jwt.hasClaim("sub", "alice")).isFalse();
		assertThat(this.jwt.provider("kube")).isFalse();
	}

	@Test
	void constructorWhenStrategyNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtClaimsExpressions(null))
			.withMessage("contextHolderStrategy cannot be null");
	}

	@Test
	void claimWhenPathCrossesDottedKeyThenNestedValue() {
		signIn("kube",
				Map.of("kubernetes.io", Map.of("namespace", "default", "serviceaccount", Map.of("name", "svc-a")),
						"kubernetes.io.namespace", "shadowing"));
		assertThat(this.jwt.claim("kubernetes.io.serviceaccount.name")).isEqualTo("svc-a");
		assertThat(this.jwt.hasClaim("[kubernetes.io].serviceaccount.name", "svc-a")).isTrue();
		assertThat(this.jwt.claim("kubernetes.io.namespace")).isEqualTo("shadowing");
		assertThat(this.jwt.claim("[kubernetes.io].namespace")).isEqualTo("default");
	}

}
