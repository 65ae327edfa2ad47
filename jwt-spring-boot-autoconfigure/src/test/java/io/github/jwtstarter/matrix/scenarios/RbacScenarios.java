package io.github.jwtstarter.matrix.scenarios;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RBAC on claims ({@code jwt.rbac}): each matcher, provider-bound principals, method
 * rules ({@code GET} rules cover {@code HEAD}), and the 403 problem answer; a denied
 * request never reaches the application or the upstream.
 */
class RbacScenarios extends MatrixScenarios {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String p = "jwt.rbac.policies.";
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(CORP_KEY), "jwt.providers.kube.issuer", "kubernetes/serviceaccount",
				"jwt.providers.kube.jwks.local", TestKeys.toPem(KUBE_KEY), p + "exact.permissions.paths", "/exact/**",
				p + "exact.principals[0].claims.org", "solo.io", p + "list.permissions.paths", "/list/**",
				p + "list.principals[0].matcher", "list-contains", p + "list.principals[0].claims.groups", "admins",
				p + "regex.permissions.paths", "/regex/**", p + "regex.principals[0].matcher", "regex-match",
				p + "regex.principals[0].claims.email", "[a-z]+@solo\\.io", p + "nested.permissions.paths",
				"/nested/**", p + "nested.principals[0].matcher", "list-contains",
				p + "nested.principals[0].claims.realm_access.roles", "admin", p + "pets.permissions.paths",
				"/api/pets/**", p + "pets.permissions.methods", "GET", p + "pets.principals[0].provider", "kube",
				p + "pets.principals[0].claims.sub", "system:serviceaccount:default:svc-a", "jwt.routes[0].paths",
				"/public/**", "jwt.routes[0].validation-policy", "allow-missing");
	}

	static String corp(String claim, Object value) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim(claim, value).signWith(CORP_KEY);
	}

	static String kube(String subject) {
		return TestJwts.issuer("kubernetes/serviceaccount").subject(subject).signWith(KUBE_KEY);
	}

	@Test
	void exactStringMatcherAllowsOnlyTheConfiguredValue() {
		assertOk(http().get("/exact/x", corp("org", "solo.io")));
		assertThat(received().only().target()).isEqualTo("/exact/x");
		received().clear();
		assertForbiddenBy(http().get("/exact/x", corp("org", "acme")), "jwt.rbac");
		assertForbiddenBy(http().get("/exact/x", corp("team", "solo.io")), "jwt.rbac");
		received().assertNone();
	}

	@Test
	void listContainsRegexAndNestedClaimPathsMatch() {
		assertOk(http().get("/list/x", corp("groups", List.of("users", "admins"))));
		assertForbiddenBy(http().get("/list/x", corp("groups", List.of("users"))), "jwt.rbac");
		assertOk(http().get("/regex/x", corp("email", "dave@solo.io")));
		assertForbiddenBy(http().get("/regex/x", corp("email", "dave@solo.io.evil")), "jwt.rbac");
		assertOk(http().get("/nested/x", corp("realm_access", Map.of("roles", List.of("admin")))));
		assertForbiddenBy(http().get("/nested/x", corp("realm_access", Map.of("roles", List.of("user")))), "jwt.rbac");
		assertThat(received().all()).hasSize(3);
	}

	@Test
	void providerBoundPrincipalAllowsOnlyThatProvidersTokens() {
		assertOk(http().get("/api/pets/1", kube("system:serviceaccount:default:svc-a")));
		assertForbiddenBy(http().get("/api/pets/1", kube("system:serviceaccount:default:svc-b")), "jwt.rbac");
		assertForbiddenBy(http().get("/api/pets/1", corp("sub", "system:serviceaccount:default:svc-a")), "jwt.rbac");
		assertThat(received().all()).hasSize(1);
	}

	@Test
	void getRuleCoversHeadAndNoOtherMethod() {
		String token = kube("system:serviceaccount:default:svc-a");
		assertThat(http().send("HEAD", "/api/pets/1", token).statusCode()).isEqualTo(200);
		assertForbiddenBy(http().send("DELETE", "/api/pets/1", token), "jwt.rbac");
		assertThat(received().only().method()).isEqualTo("HEAD");
	}

	@Test
	void requestThatNoPolicyCoversOnARouteAcceptingMissingTokensPassesForEveryone() {
		assertOk(http().get("/public/hello"));
		assertOk(http().get("/public/hello", corp("org", "acme")));
		assertThat(received().all()).extracting((request) -> request.principal())
			.containsExactly(null, flavour().isGateway() ? null : "alice");
	}

	@Test
	void requestThatNoPolicyCoversIsDeniedToATokenOnceRbacHasPolicies() {
		assertForbiddenBy(http().get("/open/x", corp("org", "acme")), "jwt.rbac");
		received().assertNone();
	}

}
