package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PatternParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RbacPolicyTests {

	static final RbacPrincipal SVC_A = new RbacPrincipal("kube",
			List.of(ClaimMatchers.exactString("sub", "system:serviceaccount:default:svc-a")));

	static PathContainer path(String path) {
		return PathContainer.parsePath(path);
	}

	@Test
	void coversWhenPathAndMethodMatchThenTrue() {
		RbacPolicy policy = new RbacPolicy("pets", List.of("/api/pets/**"), Set.of("get"), List.of(SVC_A));
		assertThat(policy.covers("GET", path("/api/pets"))).isTrue();
		assertThat(policy.covers("GET", path("/api/pets/1"))).isTrue();
	}

	@Test
	void coversWhenMethodDiffersThenFalse() {
		RbacPolicy policy = new RbacPolicy("pets", List.of("/api/pets/**"), Set.of("GET"), List.of(SVC_A));
		assertThat(policy.covers("POST", path("/api/pets"))).isFalse();
	}

	@Test
	void coversWhenPathDiffersThenFalse() {
		RbacPolicy policy = new RbacPolicy("pets", List.of("/api/pets/**"), Set.of(), List.of(SVC_A));
		assertThat(policy.covers("GET", path("/foo"))).isFalse();
		assertThat(policy.covers("GET", path("/api/petshop"))).isFalse();
	}

	@Test
	void coversWhenNoPathsAndNoMethodsThenEveryRequest() {
		RbacPolicy policy = new RbacPolicy("all", List.of(), Set.of(), List.of(SVC_A));
		assertThat(policy.covers("DELETE", path("/anything/at/all"))).isTrue();
	}

	@Test
	void coversWhenAnExcludedPathMatchesThenFalse() {
		RbacPolicy policy = new RbacPolicy("catalog", RbacAction.ALLOW, List.of("/catalog/**"), Set.of(),
				List.of("/catalog/admin/**"), Set.of(), List.of(SVC_A));
		assertThat(policy.covers("GET", path("/catalog/items"))).isTrue();
		assertThat(policy.covers("GET", path("/catalog/admin"))).isFalse();
		assertThat(policy.covers("GET", path("/catalog/admin/users"))).isFalse();
	}

	@Test
	void coversWhenAnExcludedMethodMatchesThenFalseAndAnExcludedGetExcludesHead() {
		RbacPolicy policy = new RbacPolicy("writes", RbacAction.DENY, List.of(), Set.of(), List.of(), Set.of("get"),
				List.of());
		assertThat(policy.covers("POST", path("/archive"))).isTrue();
		assertThat(policy.covers("DELETE", path("/archive/1"))).isTrue();
		assertThat(policy.covers("GET", path("/archive"))).isFalse();
		assertThat(policy.covers("HEAD", path("/archive"))).isFalse();
	}

	@Test
	void appliesToWhenNoPrincipalsThenEveryCallerForDenyAndNobodyForAllow() {
		RbacPolicy deny = new RbacPolicy("deny", RbacAction.DENY, List.of(), Set.of(), List.of(), Set.of(), List.of());
		RbacPolicy allow = new RbacPolicy("allow", List.of(), Set.of(), List.of());
		assertThat(deny.appliesTo(null)).isTrue();
		assertThat(deny.appliesTo(RbacPrincipalTests.token("kube", Map.of("sub", "x")))).isTrue();
		assertThat(deny.allows(RbacPrincipalTests.token("kube", Map.of("sub", "x")))).isFalse();
		assertThat(allow.appliesTo(null)).isFalse();
		assertThat(allow.allows(RbacPrincipalTests.token("kube", Map.of("sub", "x")))).isFalse();
	}

	@Test
	void allowsWhenADenyPolicysPrincipalMatchesThenFalse() {
		RbacPolicy deny = new RbacPolicy("deny", RbacAction.DENY, List.of(), Set.of(), List.of(), Set.of(),
				List.of(SVC_A));
		assertThat(
				deny.appliesTo(RbacPrincipalTests.token("kube", Map.of("sub", "system:serviceaccount:default:svc-a"))))
			.isTrue();
		assertThat(deny.allows(RbacPrincipalTests.token("kube", Map.of("sub", "system:serviceaccount:default:svc-a"))))
			.isFalse();
	}

	@Test
	void allowsWhenOnePrincipalMatchesThenTrue() {
		RbacPrincipal other = new RbacPrincipal(null, List.of(ClaimMatchers.exactString("sub", "svc-b")));
		RbacPolicy policy = new RbacPolicy("pets", List.of(), Set.of(), List.of(other, SVC_A));
		assertThat(
				policy.allows(RbacPrincipalTests.token("kube", Map.of("sub", "system:serviceaccount:default:svc-a"))))
			.isTrue();
		assertThat(policy.allows(RbacPrincipalTests.token("kube", Map.of("sub", "svc-c")))).isFalse();
		assertThat(policy.allows(null)).isFalse();
	}

	@Test
	void policiesAreValuesWithEqualsAndToString() {
		RbacPolicy policy = new RbacPolicy("pets", List.of("/api/pets/**"), Set.of("get"), List.of(SVC_A));
		assertThat(policy).isEqualTo(new RbacPolicy("pets", List.of("/api/pets/**"), Set.of("GET"), List.of(SVC_A)))
			.hasSameHashCodeAs(new RbacPolicy("pets", List.of("/api/pets/**"), Set.of("GET"), List.of(SVC_A)))
			.isNotEqualTo(new RbacPolicy("pets", List.of("/api/**"), Set.of("GET"), List.of(SVC_A)));
		assertThat(policy.toString()).contains("name=pets", "paths=[/api/pets/**]", "methods=[GET]", "provider=kube");
		RbacPolicy deny = new RbacPolicy("reports", RbacAction.DENY, List.of("/reports/**"), Set.of(),
				List.of("/reports/public/**"), Set.of("GET"), List.of());
		assertThat(deny).isNotEqualTo(new RbacPolicy("reports", RbacAction.ALLOW, List.of("/reports/**"), Set.of(),
				List.of("/reports/public/**"), Set.of("GET"), List.of()));
		assertThat(deny.toString()).contains("action=deny", "not-paths=[/reports/public/**]", "not-methods=[GET]");
	}

	@Test
	void constructorWhenActionNullThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RbacPolicy("p", null, List.of(), Set.of(), List.of(), Set.of(), List.of()))
			.withMessage("action cannot be null");
	}

	@Test
	void constructorWhenNotPathsNullThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RbacPolicy("p", RbacAction.DENY, List.of(), Set.of(), null, Set.of(), List.of()))
			.withMessage("notPaths cannot be null");
	}

	@Test
	void constructorWhenNotMethodsNullThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RbacPolicy("p", RbacAction.DENY, List.of(), Set.of(), List.of(), null, List.of()))
			.withMessage("notMethods cannot be null");
	}

	@Test
	void constructorWhenPathPatternInvalidThenException() {
		assertThatExceptionOfType(PatternParseException.class)
			.isThrownBy(() -> new RbacPolicy("bad", List.of("/api/{"), Set.of(), List.of(SVC_A)));
	}

	@Test
	void constructorWhenNameEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPolicy("", List.of(), Set.of(), List.of()))
			.withMessage("name cannot be empty");
	}

	@Test
	void constructorWhenPathsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPolicy("p", null, Set.of(), List.of()))
			.withMessage("paths cannot be null");
	}

	@Test
	void constructorWhenMethodsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPolicy("p", List.of(), null, List.of()))
			.withMessage("methods cannot be null");
	}

	@Test
	void constructorWhenPrincipalsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacPolicy("p", List.of(), Set.of(), null))
			.withMessage("principals cannot be null");
	}

}
