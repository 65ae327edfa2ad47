package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @PreAuthorize} with the {@code jwt} SpEL bean and the {@link RequireClaim} /
 * {@link RequireProvider} meta-annotations over real HTTP, in an application that does
 * not enable method security itself (the starter does). Denials are the starter's 403; a
 * caller without a token is asked for one (401).
 * <p>
 * Written once for both web stacks: {@code ServletMethodSecurityHttpTests} and
 * {@code ReactiveMethodSecurityHttpTests} run these scenarios against the same
 * application on Tomcat and on Netty.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MethodSecurityHttpTests {

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry);
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
		registry.add("jwt.routes[0].paths", () -> "/secured/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String corp(Map<String, Object> claims) {
		TestJwts token = TestJwts.issuer("https://corp.example").subject("alice");
		claims.forEach(token::claim);
		return token.signWith(CORP_KEY);
	}

	static String kube(Map<String, Object> claims) {
		TestJwts token = TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry();
		claims.forEach(token::claim);
		return token.signWith(KUBE_KEY);
	}

	@Test
	void claimExpressionAllowsAndDenies() {
		assertThat(this.http.get("/secured/org", corp(Map.of("org", "solo.io"))).body()).isEqualTo("org");
		assertForbiddenBy(this.http.get("/secured/org", corp(Map.of("org", "acme"))), "the application");
		assertForbidden(this.http.get("/secured/org", corp(Map.of())));
	}

	@Test
	void hasClaimExpressionAcceptsListElementOrEqualString() {
		assertOk(this.http.get("/secured/groups", corp(Map.of("groups", List.of("dev", "admins")))));
		assertOk(this.http.get("/secured/groups", corp(Map.of("groups", "admins"))));
		assertForbidden(this.http.get("/secured/groups", corp(Map.of("groups", List.of("dev")))));
		assertForbidden(this.http.get("/secured/groups", corp(Map.of("groups", Map.of("admins", true)))));
	}

	@Test
	void providerExpressionAllowsOnlyThatProvider() {
		assertOk(this.http.get("/secured/kube", kube(Map.of())));
		assertForbidden(this.http.get("/secured/kube", corp(Map.of())));
	}

	@Test
	void requireClaimAllowsAndDenies() {
		assertThat(this.http.get("/secured/require-claim", corp(Map.of("org", "solo.io"))).body())
			.isEqualTo("require-claim");
		assertForbidden(this.http.get("/secured/require-claim", corp(Map.of("org", "acme"))));
		assertForbidden(this.http.get("/secured/require-claim", kube(Map.of())));
	}

	@Test
	void requireClaimWithNestedAndUrlShapedClaimPaths() {
		assertOk(this.http.get("/secured/require-nested",
				corp(Map.of("realm_access", Map.of("roles", List.of("admin"))))));
		assertForbidden(this.http.get("/secured/require-nested",
				corp(Map.of("realm_access", Map.of("roles", List.of("user"))))));
		assertOk(this.http.get("/secured/require-url", corp(Map.of("https://example.com/roles", List.of("admin")))));
		assertForbidden(this.http.get("/secured/require-url", corp(Map.of("https://example.com/roles", "user"))));
	}

	@Test
	void requireClaimOnTheTypeGuardsEveryMethod() {
		assertOk(this.http.get("/team/board", corp(Map.of("team", "pets"))));
		assertForbidden(this.http.get("/team/board", corp(Map.of("team", "stores"))));
	}

	@Test
	void requireProviderAllowsOnlyThatProvider() {
		assertOk(this.http.get("/secured/require-provider", kube(Map.of())));
		assertForbidden(this.http.get("/secured/require-provider", corp(Map.of())));
	}

	@Test
	void callerWithoutTokenIsAskedForOne() {
		assertTokenRequired(this.http.get("/secured/org"));
		assertTokenRequired(this.http.get("/secured/require-claim"));
		assertTokenRequired(this.http.get("/secured/require-provider"));
	}

}
