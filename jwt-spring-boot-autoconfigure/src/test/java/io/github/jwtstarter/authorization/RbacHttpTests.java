package io.github.jwtstarter.authorization;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RBAC over real HTTP with real signed tokens: each matcher with matching, non-matching,
 * missing and wrong-typed claims, nested and URL-shaped claim paths, provider-bound
 * principals, deny policies and exclusions ({@code not-paths}, {@code not-methods},
 * {@code not-claims}), the validation policies of routes, {@code disabled} routes, and
 * the debug log that names the deciding policy.
 * <p>
 * Written once for both web stacks: {@code ServletRbacHttpTests} and
 * {@code ReactiveRbacHttpTests} run these scenarios against the same application on
 * Tomcat and on Netty.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.github.jwtstarter.authorization.RbacRules=debug")
@ExtendWith(OutputCaptureExtension.class)
abstract class RbacHttpTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry, corp::jwksUri);
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
		registry.add("jwt.routes[0].paths", () -> "/health/**");
		registry.add("jwt.routes[0].disabled", () -> "true");
		registry.add("jwt.routes[1].paths", () -> "/public/**");
		registry.add("jwt.routes[1].validation-policy", () -> "allow-missing");
		registry.add("jwt.routes[2].paths", () -> "/optional/**");
		registry.add("jwt.routes[2].validation-policy", () -> "allow-missing-or-failed");
		String policies = "jwt.rbac.policies.";
		registry.add(policies + "pets-readers.permissions.paths", () -> "/api/pets/**");
		registry.add(policies + "pets-readers.permissions.methods", () -> "GET");
		registry.add(policies + "pets-readers.principals[0].provider", () -> "kube");
		registry.add(policies + "pets-readers.principals[0].claims.sub", () -> SVC_A);
		registry.add(policies + "exact.permissions.paths", () -> "/exact/**");
		registry.add(policies + "exact.principals[0].matcher", () -> "exact-string");
		registry.add(policies + "exact.principals[0].claims.org", () -> "solo.io");
		registry.add(policies + "text-number.permissions.paths", () -> "/text/number/**");
		registry.add(policies + "text-number.principals[0].claims.level", () -> "2");
		registry.add(policies + "text-flag.permissions.paths", () -> "/text/flag/**");
		registry.add(policies + "text-flag.principals[0].claims.admin", () -> "true");
		registry.add(policies + "typed.permissions.paths", () -> "/typed/**");
		registry.add(policies + "typed.principals[0].matcher", () -> "typed-equals");
		registry.add(policies + "typed.principals[0].claims.admin", () -> "true");
		// admins only on one path: everyone of corp on /shop/**, but /shop/reports/**
		// denied to non-admins
		registry.add(policies + "shop.permissions.paths", () -> "/shop/**");
		registry.add(policies + "shop.principals[0].provider", () -> "corp");
		registry.add(policies + "shop-reports.action", () -> "deny");
		registry.add(policies + "shop-reports.permissions.paths", () -> "/shop/reports/**");
		registry.add(policies + "shop-reports.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "shop-reports.principals[0].not-claims.groups", () -> "admins");
		// everyone but admins: an allow policy whose principal excludes them
		registry.add(policies + "kiosk.permissions.paths", () -> "/kiosk/**");
		registry.add(policies + "kiosk.principals[0].provider", () -> "corp");
		registry.add(policies + "kiosk.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "kiosk.principals[0].not-claims.groups", () -> "admins");
		// not-paths: the catalog but its admin pages
		registry.add(policies + "catalog.permissions.paths", () -> "/catalog/**");
		registry.add(policies + "catalog.permissions.not-paths", () -> "/catalog/admin/**");
		registry.add(policies + "catalog.principals[0].provider", () -> "corp");
		// not-methods: a deny policy without principals makes the archive read-only for
		// everyone
		registry.add(policies + "archive.permissions.paths", () -> "/archive/**");
		registry.add(policies + "archive.principals[0].provider", () -> "corp");
		registry.add(policies + "archive-read-only.action", () -> "deny");
		registry.add(policies + "archive-read-only.permissions.paths", () -> "/archive/**");
		registry.add(policies + "archive-read-only.permissions.not-methods", () -> "GET");
		// an exclusion on a route that accepts anonymous callers: they cannot show they
		// are admins
		registry.add(policies + "public-admin.action", () -> "deny");
		registry.add(policies + "public-admin.permissions.paths", () -> "/public/admin/**");
		registry.add(policies + "public-admin.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "public-admin.principals[0].not-claims.groups", () -> "admins");
		registry.add(policies + "bool.permissions.paths", () -> "/bool/**");
		registry.add(policies + "bool.principals[0].matcher", () -> "boolean");
		registry.add(policies + "bool.principals[0].claims.email_verified", () -> "true");
		registry.add(policies + "list.permissions.paths", () -> "/list/**");
		registry.add(policies + "list.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "list.principals[0].claims.groups", () -> "admins");
		registry.add(policies + "regex.permissions.paths", () -> "/regex/**");
		registry.add(policies + "regex.principals[0].matcher", () -> "regex-match");
		registry.add(policies + "regex.principals[0].claims.email", () -> "[a-z]+@solo\\.io");
		registry.add(policies + "nested.permissions.paths", () -> "/nested/**");
		registry.add(policies + "nested.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "nested.principals[0].claims.realm_access.roles", () -> "admin");
		registry.add(policies + "url.permissions.paths", () -> "/url/**");
		registry.add(policies + "url.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "url.principals[0].claims.[https://example.com/roles]", () -> "admin");
		registry.add(policies + "all.permissions.paths", () -> "/all/**");
		registry.add(policies + "all.principals[0].claims.org", () -> "solo.io");
		registry.add(policies + "all.principals[0].claims.team", () -> "pets");
		registry.add(policies + "either.permissions.paths", () -> "/either/**");
		registry.add(policies + "either.principals[0].claims.org", () -> "solo.io");
		registry.add(policies + "either.principals[1].matcher", () -> "list-contains");
		registry.add(policies + "either.principals[1].claims.groups", () -> "admins");
		registry.add(policies + "menu.permissions.paths", () -> "/public/menu/**");
		registry.add(policies + "menu.permissions.methods", () -> "GET");
		registry.add(policies + "menu.principals[0].provider", () -> "kube");
		registry.add(policies + "public-pets.permissions.paths", () -> "/public/pets/**");
		registry.add(policies + "public-pets.principals[0].claims.org", () -> "solo.io");
		registry.add(policies + "public-reads.permissions.paths", () -> "/public/reads/**");
		registry.add(policies + "public-reads.permissions.methods", () -> "GET");
		registry.add(policies + "public-reads.principals[0].claims.org", () -> "solo.io");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String kube(String subject) {
		return TestJwts.issuer("kubernetes/serviceaccount").subject(subject).noExpiry().signWith(KUBE_KEY);
	}

	static String corp(String claim, Object value) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim(claim, value).signWith(CORP_KEY);
	}

	static String corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
	}

	@Test
	void headIsCoveredByAGetPolicySoItNeverReachesTheHandlerWithoutAMatchingPrincipal() {
		HttpResponse<String> anonymous = this.http.send("HEAD", "/public/menu", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(this.http.send("HEAD", "/public/menu", corp()).statusCode()).isEqualTo(403);
		assertThat(this.http.send("HEAD", "/public/menu", kube(SVC_A)).statusCode()).isEqualTo(200);
		assertThat(this.http.send("POST", "/public/menu", null).statusCode()).isEqualTo(200);
	}

	@Test
	void providerBoundPrincipalAllowsOnlyItsSubjectFromItsProviderOnCoveredRequests() {
		assertOk(this.http.get("/api/pets", kube(SVC_A)));
		assertOk(this.http.get("/api/pets/7", kube(SVC_A)));
		assertForbiddenBy(this.http.send("POST", "/api/pets", kube(SVC_A)), "jwt.rbac");
		assertForbidden(this.http.get("/foo", kube(SVC_A)));
		assertForbidden(this.http.get("/api/pets", kube("system:serviceaccount:default:svc-b")));
		String sameSubjectOtherProvider = TestJwts.issuer("https://corp.example").subject(SVC_A).signWith(CORP_KEY);
		assertForbidden(this.http.get("/api/pets", sameSubjectOtherProvider));
		assertTokenRequired(this.http.get("/api/pets"));
	}

	@Test
	void exactStringMatcher() {
		assertOk(this.http.get("/exact", corp("org", "solo.io")));
		assertForbidden(this.http.get("/exact", corp("org", "acme")));
		assertForbidden(this.http.get("/exact", corp()));
		assertForbidden(this.http.get("/exact", corp("org", List.of("solo.io"))));
		assertForbidden(this.http.get("/exact", corp("org", 42)));
	}

	@Test
	void booleanMatcher() {
		assertOk(this.http.get("/bool", corp("email_verified", true)));
		assertForbidden(this.http.get("/bool", corp("email_verified", false)));
		assertForbidden(this.http.get("/bool", corp()));
		assertForbidden(this.http.get("/bool", corp("email_verified", "true")));
	}

	@Test
	void listContainsMatcher() {
		assertOk(this.http.get("/list", corp("groups", List.of("dev", "admins"))));
		assertForbidden(this.http.get("/list", corp("groups", List.of("dev"))));
		assertForbidden(this.http.get("/list", corp()));
		assertForbidden(this.http.get("/list", corp("groups", "admins")));
	}

	@Test
	void regexMatcherMatchesTheWholeValueOrOneElementOfAList() {
		assertOk(this.http.get("/regex", corp("email", "alice@solo.io")));
		assertForbidden(this.http.get("/regex", corp("email", "alice@solo.io.evil.example")));
		assertForbidden(this.http.get("/regex", corp()));
		assertOk(this.http.get("/regex", corp("email", List.of("bob@acme.example", "alice@solo.io"))));
		assertForbidden(this.http.get("/regex", corp("email", List.of("alice@solo.io.evil.example"))));
	}

	@Test
	void defaultMatcherComparesNumbersAndBooleansAsTextAsThePredicatesDo() {
		assertOk(this.http.get("/text/number", corp("level", 2)));
		assertOk(this.http.get("/text/number", corp("level", "2")));
		assertOk(this.http.get("/text/number", corp("level", List.of(1, 2))));
		assertForbidden(this.http.get("/text/number", corp("level", 3)));
		assertOk(this.http.get("/text/flag", corp("admin", true)));
		assertOk(this.http.get("/text/flag", corp("admin", "true")));
		assertForbidden(this.http.get("/text/flag", corp("admin", false)));
	}

	@Test
	void typedEqualsMatcherNeedsTheJsonTypeTheValueReadsAs() {
		assertOk(this.http.get("/typed", corp("admin", true)));
		assertForbidden(this.http.get("/typed", corp("admin", "true")));
		assertForbidden(this.http.get("/typed", corp("admin", List.of(true))));
	}

	@Test
	void denyPolicyOnOnePathKeepsItForAdminsWhileAnAllowPolicyOpensTheRest(CapturedOutput output) {
		String admin = corp("groups", List.of("dev", "admins"));
		assertOk(this.http.get("/shop/items", corp()));
		assertOk(this.http.get("/shop/items", admin));
		HttpResponse<String> denied = this.http.get("/shop/reports/2026", corp("groups", List.of("dev")));
		assertForbiddenBy(denied, "jwt.rbac");
		assertThat(denied.body()).doesNotContain("shop-reports").doesNotContain("admins");
		assertForbidden(this.http.get("/shop/reports/2026", corp()));
		assertOk(this.http.get("/shop/reports/2026", admin));
		assertForbidden(this.http.get("/shop/reports/2026", kube(SVC_A)));
		assertTokenRequired(this.http.get("/shop/reports/2026"));
		assertThat(output).contains("RBAC denied by deny policy 'shop-reports'")
			.contains("RBAC allowed by policy 'shop'");
	}

	@Test
	void allowPolicyWithAnExcludingPrincipalAdmitsEveryoneButAdmins() {
		assertOk(this.http.get("/kiosk", corp()));
		assertOk(this.http.get("/kiosk", corp("groups", List.of("dev"))));
		assertForbidden(this.http.get("/kiosk", corp("groups", List.of("dev", "admins"))));
		assertForbidden(this.http.get("/kiosk", kube(SVC_A)));
	}

	@Test
	void notPathsAreLeftOutOfAnAllowPolicy() {
		assertOk(this.http.get("/catalog/items", corp()));
		assertForbidden(this.http.get("/catalog/admin/users", corp()));
		assertForbidden(this.http.get("/catalog/admin", corp()));
	}

	@Test
	void denyPolicyWithNotMethodsAndNoPrincipalsLeavesOnlyReadsToEveryone(CapturedOutput output) {
		assertOk(this.http.get("/archive/1", corp()));
		assertThat(this.http.send("HEAD", "/archive/1", corp()).statusCode()).isEqualTo(200);
		assertForbiddenBy(this.http.send("DELETE", "/archive/1", corp()), "jwt.rbac");
		assertForbidden(this.http.send("POST", "/archive", corp("groups", List.of("admins"))));
		assertThat(output).contains("RBAC denied by deny policy 'archive-read-only'");
	}

	@Test
	void excludingPrincipalOfADenyPolicyDeniesCallersWithoutATokenOnRoutesAcceptingThem() {
		assertTokenRequired(this.http.get("/public/admin/settings"));
		assertForbidden(this.http.get("/public/admin/settings", corp("groups", List.of("dev"))));
		assertThat(this.http.get("/public/admin/settings", corp("groups", List.of("admins"))).body())
			.contains("\"authenticated\":true");
		assertThat(this.http.get("/public/hello").body()).contains("\"authenticated\":false");
	}

	@Test
	void debugLogNamesTheCoveringPoliciesOfADenialWithoutAMatchingPrincipal(CapturedOutput output) {
		assertForbidden(this.http.get("/exact", corp("org", "acme")));
		assertThat(output).contains("RBAC denied: no principal of the covering policies [exact] matches");
	}

	@Test
	void nestedClaimPath() {
		assertOk(this.http.get("/nested", corp("realm_access", Map.of("roles", List.of("admin")))));
		assertForbidden(this.http.get("/nested", corp("realm_access", Map.of("roles", List.of("user")))));
		assertForbidden(this.http.get("/nested", corp("realm_access", "admin")));
		assertForbidden(this.http.get("/nested", corp()));
		assertOk(this.http.get("/nested", corp("realm_access.roles", List.of("admin"))));
	}

	@Test
	void urlShapedTopLevelClaimName() {
		assertOk(this.http.get("/url", corp("https://example.com/roles", List.of("admin"))));
		assertForbidden(this.http.get("/url", corp("https://example.com/roles", List.of("user"))));
		assertForbidden(this.http.get("/url", corp()));
	}

	@Test
	void allClaimsOfAPrincipalMustMatch() {
		String both = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("org", "solo.io")
			.claim("team", "pets")
			.signWith(CORP_KEY);
		assertOk(this.http.get("/all", both));
		assertForbidden(this.http.get("/all", corp("org", "solo.io")));
		assertForbidden(this.http.get("/all", corp("team", "pets")));
	}

	@Test
	void onePrincipalOfThePolicyIsEnough() {
		assertOk(this.http.get("/either", corp("org", "solo.io")));
		assertOk(this.http.get("/either", corp("groups", List.of("admins"))));
		assertForbidden(this.http.get("/either", corp("org", "acme")));
	}

	@Test
	void disabledRouteSkipsRbac() {
		assertOk(this.http.get("/health/live"));
		assertOk(this.http.get("/health/live", kube("system:serviceaccount:default:svc-b")));
		assertOk(this.http.get("/health/live", "garbage"));
	}

	@Test
	void uncoveredRequestOnRouteAcceptingMissingTokensPassesForEveryone() {
		assertThat(this.http.get("/public/hello").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/public/hello", kube("system:serviceaccount:default:svc-b")).body())
			.contains("\"authenticated\":true");
		assertInvalidToken(this.http.get("/public/hello", "garbage"), "malformed token");
		assertThat(this.http.get("/optional/x", "garbage").body()).contains("\"authenticated\":false");
	}

	@Test
	void coveredRequestOnRouteAcceptingMissingTokensNeedsAMatchingPrincipal() {
		assertTokenRequired(this.http.get("/public/pets"));
		assertForbidden(this.http.get("/public/pets", corp("org", "acme")));
		assertOk(this.http.get("/public/pets", corp("org", "solo.io")));
	}

	@Test
	void headIsCoveredByAGetPolicySoItNeverReachesTheGetHandlerWithoutAPrincipal() {
		assertTokenRequired(this.http.get("/public/reads/x"));
		HttpResponse<String> head = this.http.send("HEAD", "/public/reads/x", null);
		assertThat(head.statusCode()).isEqualTo(401);
		assertThat(head.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(this.http.send("HEAD", "/public/reads/x", corp("org", "acme")).statusCode()).isEqualTo(403);
		assertThat(this.http.send("HEAD", "/public/reads/x", corp("org", "solo.io")).statusCode()).isEqualTo(200);
		assertThat(this.http.send("POST", "/public/reads/x", null).body()).contains("\"authenticated\":false");
	}

	@Test
	void allowedRequestKeepsItsOwnErrorStatus() {
		HttpResponse<String> response = this.http.get("/api/pets/missing", kube(SVC_A));
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void expiredTokenIsStill401NotRbacDenial() {
		String expired = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("org", "solo.io")
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
		assertInvalidToken(this.http.get("/exact", expired), "expired");
	}

}
