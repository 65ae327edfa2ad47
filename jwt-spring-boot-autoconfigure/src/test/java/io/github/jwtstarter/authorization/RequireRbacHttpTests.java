package io.github.jwtstarter.authorization;

import com.nimbusds.jose.jwk.RSAKey;
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
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;

/**
 * {@code jwt.rbac.require-rbac: true} with no policy over real HTTP: every request is
 * denied, except on {@code disabled} routes.
 * <p>
 * Written once for both web stacks: {@code ServletRequireRbacHttpTests} and
 * {@code ReactiveRequireRbacHttpTests} run these scenarios against the same application
 * on Tomcat and on Netty.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RequireRbacHttpTests {

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.kube.issuer", () -> "kubernetes/serviceaccount");
		registry.add("jwt.providers.kube.jwks.local", () -> TestKeys.toPem(KUBE_KEY));
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
		registry.add("jwt.routes[0].paths", () -> "/health/**");
		registry.add("jwt.routes[0].disabled", () -> "true");
		registry.add("jwt.routes[1].paths", () -> "/public/**");
		registry.add("jwt.routes[1].validation-policy", () -> "allow-missing");
		registry.add("jwt.rbac.require-rbac", () -> "true");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String kube() {
		return TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry()
			.signWith(KUBE_KEY);
	}

	@Test
	void validTokenIsDeniedWhenNoPolicyAllowsTheRequest() {
		assertForbidden(this.http.get("/api/pets", kube()));
		assertForbidden(this.http.get("/public/hello", kube()));
	}

	@Test
	void requestWithoutTokenOnRouteAcceptingMissingTokensIsAskedForOne() {
		assertTokenRequired(this.http.get("/public/hello"));
	}

	@Test
	void disabledRouteStillPasses() {
		assertOk(this.http.get("/health/live"));
	}

}
