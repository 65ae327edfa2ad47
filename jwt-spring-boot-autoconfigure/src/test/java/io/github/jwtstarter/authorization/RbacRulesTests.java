package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.test.TestAuthentications;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation order of {@link RbacRules}: deny policies, then allow policies, then the
 * rules for requests no allow policy covers.
 */
class RbacRulesTests {

	static final JwtRoutes ROUTES = new JwtRoutes(
			List.of(new JwtRoute(List.of("/public/**"), Set.of(), ValidationPolicy.ALLOW_MISSING, Set.of(), false)),
			JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID));

	static final RbacPrincipal CORP = new RbacPrincipal("corp", List.of());

	static final RbacPrincipal NOT_ADMINS = new RbacPrincipal(null, List.of(),
			List.of(ClaimMatchers.listContains("groups", "admins")));

	static final RbacPolicy EVERYONE = new RbacPolicy("everyone", List.of("/**"), Set.of(), List.of(CORP));

	static final RbacPolicy REPORTS_FOR_ADMINS_ONLY = deny("reports-for-admins-only", List.of("/reports/**"),
			List.of(NOT_ADMINS));

	static RbacPolicy deny(String name, List<String> paths, List<RbacPrincipal> principals) {
		return new RbacPolicy(name, RbacAction.DENY, paths, Set.of(), List.of(), Set.of(), principals);
	}

	static Authentication corp(Map<String, Object> claims) {
		return TestAuthentications.authentication("corp", claims);
	}

	static boolean granted(RbacRules rules, String method, String path, @Nullable Authentication caller) {
		return rules.decide(method, PathContainer.parsePath(path), () -> caller).isGranted();
	}

	@Test
	void decideWhenADenyPolicyAppliesThenDeniedWhateverTheAllowPoliciesSay() {
		Authentication user = corp(Map.of("sub", "alice"));
		Authentication admin = corp(Map.of("sub", "root", "groups", List.of("admins")));
		for (RbacRules rules : List.of(new RbacRules(List.of(EVERYONE, REPORTS_FOR_ADMINS_ONLY), false, ROUTES),
				new RbacRules(List.of(REPORTS_FOR_ADMINS_ONLY, EVERYONE), false, ROUTES))) {
			assertThat(granted(rules, "GET", "/orders", user)).isTrue();
			assertThat(granted(rules, "GET", "/reports/2026", user)).isFalse();
			assertThat(granted(rules, "GET", "/reports/2026", admin)).isTrue();
		}
	}

	@Test
	void decideWhenOnlyDenyPoliciesThenWhatTheyDoNotDenyNeedsAnAllowPolicyOnRequireValidRoutes() {
		RbacRules rules = new RbacRules(List.of(REPORTS_FOR_ADMINS_ONLY), false, ROUTES);
		Authentication admin = corp(Map.of("groups", List.of("admins")));
		assertThat(granted(rules, "GET", "/reports/2026", admin)).isFalse();
		assertThat(granted(rules, "GET", "/orders", admin)).isFalse();
		assertThat(granted(rules, "GET", "/public/reports/2026", admin)).isTrue();
	}

	@Test
	void decideWhenADenyPolicyCoversARouteAcceptingMissingTokensThenTheAnonymousCallerIsDeniedToo() {
		RbacRules rules = new RbacRules(List.of(deny("admin-area", List.of("/public/admin/**"), List.of(NOT_ADMINS))),
				false, ROUTES);
		assertThat(granted(rules, "GET", "/public/admin/x", null)).isFalse();
		assertThat(granted(rules, "GET", "/public/admin/x", corp(Map.of("sub", "alice")))).isFalse();
		assertThat(granted(rules, "GET", "/public/admin/x", corp(Map.of("groups", List.of("admins"))))).isTrue();
		assertThat(granted(rules, "GET", "/public/menu", null)).isTrue();
	}

	@Test
	void decideWhenADenyPolicyHasNoPrincipalsThenItDeniesEveryCallerOnWhatItCovers() {
		RbacPolicy readOnly = new RbacPolicy("read-only", RbacAction.DENY, List.of("/archive/**"), Set.of(), List.of(),
				Set.of("GET"), List.of());
		RbacRules rules = new RbacRules(List.of(readOnly, EVERYONE), false, ROUTES);
		Authentication user = corp(Map.of("sub", "alice"));
		assertThat(granted(rules, "GET", "/archive/1", user)).isTrue();
		assertThat(granted(rules, "HEAD", "/archive/1", user)).isTrue();
		assertThat(granted(rules, "DELETE", "/archive/1", user)).isFalse();
		assertThat(granted(rules, "POST", "/archive", user)).isFalse();
	}

	@Test
	void decideWhenAnAllowPolicyExcludesAPathThenThatPathIsNotCoveredByIt() {
		RbacPolicy catalog = new RbacPolicy("catalog", RbacAction.ALLOW, List.of("/catalog/**"), Set.of(),
				List.of("/catalog/admin/**"), Set.of(), List.of(CORP));
		RbacRules rules = new RbacRules(List.of(catalog), false, ROUTES);
		Authentication user = corp(Map.of("sub", "alice"));
		assertThat(granted(rules, "GET", "/catalog/items", user)).isTrue();
		assertThat(granted(rules, "GET", "/catalog/admin/users", user)).isFalse();
	}

	@Test
	void decideWhenRbacIsInactiveThenDenyPoliciesAreNotNeededToGrant() {
		RbacRules rules = new RbacRules(List.of(), false, ROUTES);
		assertThat(rules.isActive()).isFalse();
		assertThat(granted(rules, "DELETE", "/reports/2026", null)).isTrue();
	}

}
