package io.github.jwtstarter.authorization;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RBAC over real HTTP with real signed tokens: each matcher with matching, non-matching,
 * missing and wrong-typed claims, nested and URL-shaped claim paths, provider-bound
 * principals, the validation policies of routes, and {@code disabled} routes.
 * <p>
 * Written once for both web stacks: {@code ServletRbacHttpTests} and {@code ReactiveRbacHttpTests} run
 * these scenarios against the same application on Tomcat and on Netty.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RbacHttpTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", corp::jwksUri);
		registry.add("jwt.providers.kube.issuer", () -> "kubernetes/serviceaccount");
		registry.add("jwt.providers.kube.jwks.local", () -> TestKeys.toPem(KUBE_KEY));
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
		registry.add(policies + "exact.principals[0].claims.org", () -> "solo.io");
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
	void regexMatcherMatchesTheWholeValue() {
		assertOk(this.http.get("/regex", corp("email", "alice@solo.io")));
		assertForbidden(this.http.get("/regex", corp("email", "alice@solo.io.evil.example")));
		assertForbidden(this.http.get("/regex", corp()));
		assertForbidden(this.http.get("/regex", corp("email", List.of("alice@solo.io"))));
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
