package io.github.jwtstarter.jwt;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClaimPathTests {

	/** The identity part of a projected Kubernetes service-account token. */
	static final Map<String, Object> PROJECTED = Map.of("iss", "https://kubernetes.default.svc.cluster.local", "sub",
			"system:serviceaccount:default:svc-a", "kubernetes.io", Map.of("namespace", "default", "serviceaccount",
					Map.of("name", "svc-a", "uid", "7f0c"), "pod", Map.of("name", "svc-a-6d9f", "uid", "a1b2")));

	@Test
	void resolveWhenTopLevelNameThenValue() {
		assertThat(ClaimPath.of("sub").resolve(PROJECTED)).isEqualTo("system:serviceaccount:default:svc-a");
	}

	@Test
	void resolveWhenUrlShapedTopLevelNameThenValue() {
		Map<String, Object> claims = Map.of("https://example.com/roles", List.of("admin"));
		assertThat(ClaimPath.of("https://example.com/roles").resolve(claims)).isEqualTo(List.of("admin"));
	}

	@Test
	void resolveWhenNestedPathThenValue() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("admin")));
		assertThat(ClaimPath.of("realm_access.roles").resolve(claims)).isEqualTo(List.of("admin"));
	}

	@Test
	void resolveWhenKeyContainsDotThenLongestExistingKeyIsTaken() {
		assertThat(ClaimPath.of("kubernetes.io.namespace").resolve(PROJECTED)).isEqualTo("default");
		assertThat(ClaimPath.of("kubernetes.io.serviceaccount.name").resolve(PROJECTED)).isEqualTo("svc-a");
		assertThat(ClaimPath.of("kubernetes.io.pod.uid").resolve(PROJECTED)).isEqualTo("a1b2");
	}

	@Test
	void resolveWhenDottedKeyOnInnerLevelThenReached() {
		Map<String, Object> claims = Map.of("labels", Map.of("app.kubernetes.io", Map.of("name", "pets")));
		assertThat(ClaimPath.of("labels.app.kubernetes.io.name").resolve(claims)).isEqualTo("pets");
	}

	@Test
	void resolveWhenPathEndsAtObjectThenObject() {
		assertThat(ClaimPath.of("kubernetes.io.serviceaccount").resolve(PROJECTED))
			.isEqualTo(Map.of("name", "svc-a", "uid", "7f0c"));
	}

	@Test
	void resolveWhenSegmentMissingThenNull() {
		assertThat(ClaimPath.of("kubernetes.io.node").resolve(PROJECTED)).isNull();
		assertThat(ClaimPath.of("kubernetes.io.namespace.name").resolve(PROJECTED)).isNull();
		assertThat(ClaimPath.of("kubernetes.namespace").resolve(PROJECTED)).isNull();
		assertThat(ClaimPath.of("missing").resolve(PROJECTED)).isNull();
	}

	@Test
	void resolveWhenTopLevelKeyShadowsNestedOneThenTopLevelWins() {
		Map<String, Object> claims = Map.of("kubernetes.io.namespace", "flat", "kubernetes.io",
				Map.of("namespace", "nested"));
		assertThat(ClaimPath.of("kubernetes.io.namespace").resolve(claims)).isEqualTo("flat");
		assertThat(ClaimPath.of("[kubernetes.io].namespace").resolve(claims)).isEqualTo("nested");
	}

	@Test
	void resolveWhenLongerKeyShadowsShorterOneOnSameLevelThenLongerWins() {
		Map<String, Object> claims = Map.of("a.b", Map.of("c", "under a.b"), "a", Map.of("b", Map.of("c", "under a")));
		assertThat(ClaimPath.of("a.b.c").resolve(claims)).isEqualTo("under a.b");
		assertThat(ClaimPath.of("[a].b.c").resolve(claims)).isEqualTo("under a");
		assertThat(ClaimPath.of("[a].[b].c").resolve(claims)).isEqualTo("under a");
	}

	@Test
	void resolveWhenBracketFormThenKeyIsTakenExactly() {
		assertThat(ClaimPath.of("[kubernetes.io].namespace").resolve(PROJECTED)).isEqualTo("default");
		assertThat(ClaimPath.of("[kubernetes.io].serviceaccount.name").resolve(PROJECTED)).isEqualTo("svc-a");
		assertThat(ClaimPath.of("[kubernetes.io].[serviceaccount].[name]").resolve(PROJECTED)).isEqualTo("svc-a");
		assertThat(ClaimPath.of("[sub]").resolve(PROJECTED)).isEqualTo("system:serviceaccount:default:svc-a");
	}

	@Test
	void resolveWhenBracketNamesNoKeyThenNull() {
		assertThat(ClaimPath.of("[kubernetes].io.namespace").resolve(PROJECTED)).isNull();
		assertThat(ClaimPath.of("[kubernetes.io.namespace]").resolve(PROJECTED)).isNull();
	}

	@Test
	void resolveWhenLegacyFlatClaimThenValue() {
		Map<String, Object> claims = Map.of("kubernetes.io/serviceaccount/namespace", "default");
		assertThat(ClaimPath.of("kubernetes.io/serviceaccount/namespace").resolve(claims)).isEqualTo("default");
	}

	@Test
	void resolveWhenIntermediateValueIsNotObjectThenNull() {
		Map<String, Object> claims = Map.of("a", "text", "b", List.of(Map.of("c", 1)));
		assertThat(ClaimPath.of("a.length").resolve(claims)).isNull();
		assertThat(ClaimPath.of("b.c").resolve(claims)).isNull();
	}

	@Test
	void ofWhenEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.of(""));
	}

	@Test
	void ofWhenBracketUnclosedThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.of("[kubernetes.io.namespace"))
			.withMessageContaining("unclosed");
	}

	@Test
	void ofWhenBracketNotFollowedByDotThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.of("[kubernetes.io]namespace"))
			.withMessageContaining("']' must be followed by '.'");
	}

	@Test
	void equalsWhenSameTextThenEqual() {
		assertThat(ClaimPath.of("kubernetes.io.namespace")).isEqualTo(ClaimPath.of("kubernetes.io.namespace"))
			.hasSameHashCodeAs(ClaimPath.of("kubernetes.io.namespace"))
			.hasToString("kubernetes.io.namespace")
			.isNotEqualTo(ClaimPath.of("[kubernetes.io].namespace"));
	}

	@Test
	void claimPathsResolveWhenTextThenSameRules() {
		assertThat(ClaimPath.resolve(PROJECTED, "kubernetes.io.serviceaccount.name")).isEqualTo("svc-a");
		assertThat(ClaimPath.resolve(PROJECTED, "[kubernetes.io].namespace")).isEqualTo("default");
		assertThat(ClaimPath.resolve(PROJECTED, "sub")).isEqualTo("system:serviceaccount:default:svc-a");
		assertThat(ClaimPath.resolve(PROJECTED, "nope")).isNull();
	}

}
