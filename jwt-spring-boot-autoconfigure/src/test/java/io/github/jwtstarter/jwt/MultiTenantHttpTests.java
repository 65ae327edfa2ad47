package io.github.jwtstarter.jwt;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.RealmsServer;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-tenant providers over real HTTP: a Keycloak-shaped identity provider with a realm
 * per tenant on loopback (keys discovered from each tenant's issuer) and a JWKS server
 * whose key set every tenant shares (the Entra ID shape, bound by {@code tenant-claim}).
 * The tenant reaches the Authentication, the {@code tenant-header}, RBAC principals,
 * {@code @jwt.tenant} and the route predicates; tokens of unknown tenants and of another
 * tenant's key are 401s, the former without any request to the identity provider.
 * <p>
 * Written once for both web stacks: {@code ServletMultiTenantHttpTests} and
 * {@code ReactiveMultiTenantHttpTests} run these scenarios on Tomcat and on Netty.
 */
@SpringBootTest(classes = MultiTenantTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MultiTenantHttpTests {

	static final RSAKey ACME_KEY = TestKeys.rsa("acme-1");

	static final RSAKey GLOBEX_KEY = TestKeys.rsa("globex-1");

	static final RSAKey INITECH_KEY = TestKeys.rsa("initech-1");

	static final RSAKey ENTRA_KEY = TestKeys.rsa("entra-1");

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RealmsServer keycloak = RealmsServer.start()
		.realm("acme", ACME_KEY)
		.realm("globex", GLOBEX_KEY)
		.realm("initech", INITECH_KEY);

	static final JwksServer entra = JwksServer.start(ENTRA_KEY);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		String customers = "jwt.providers.customers.";
		registry.add(customers + "issuer", keycloak::issuerTemplate);
		registry.add(customers + "tenants", () -> "acme,globex");
		registry.add(customers + "tenant-header", () -> "x-tenant");
		String microsoft = "jwt.providers.entra.";
		registry.add(microsoft + "issuer", () -> entra.uri() + "/{tenant}/v2.0");
		registry.add(microsoft + "jwks.uri", entra::jwksUri);
		registry.add(microsoft + "tenant-claim", () -> "tid");
		registry.add(microsoft + "tenant-header", () -> "x-tenant");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.routes[0].paths", () -> "/public/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
		String policies = "jwt.rbac.policies.";
		registry.add(policies + "acme-only.permissions.paths", () -> "/acme/**");
		registry.add(policies + "acme-only.principals[0].provider", () -> "customers");
		registry.add(policies + "acme-only.principals[0].tenant", () -> "acme");
		registry.add(policies + "everyone.permissions.paths", () -> "/echo/**,/secured/**,/routed/**");
		registry.add(policies + "everyone.principals[0].provider", () -> "customers");
		registry.add(policies + "everyone.principals[1].provider", () -> "entra");
		registry.add(policies + "everyone.principals[2].provider", () -> "corp");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String customer(String realm, RSAKey key) {
		return TestJwts.issuer(keycloak.issuer(realm)).subject("alice@" + realm).signWith(key);
	}

	static String entraToken(String tenant, String tid) {
		return TestJwts.issuer(entra.uri() + "/" + tenant + "/v2.0")
			.subject("carol")
			.claim("tid", tid)
			.signWith(ENTRA_KEY);
	}

	static Map<String, Object> body(HttpResponse<String> response) {
		assertOk(response);
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<String> header(Map<String, Object> body, String name) {
		return (List<String>) ((Map<String, Object>) body.get("headers")).get(name);
	}

	@Test
	void tokenOfATenantIsVerifiedWithItsOwnKeysAndTheApplicationSeesItsTenant() {
		Map<String, Object> acme = body(this.http.get("/echo", customer("acme", ACME_KEY)));
		assertThat(acme).containsEntry("provider", "customers")
			.containsEntry("tenant", "acme")
			.containsEntry("name", "alice@acme");
		assertThat(header(acme, "x-tenant")).containsExactly("acme");
		Map<String, Object> globex = body(this.http.get("/echo", customer("globex", GLOBEX_KEY)));
		assertThat(globex).containsEntry("tenant", "globex");
		assertThat(header(globex, "x-tenant")).containsExactly("globex");
	}

	@Test
	void tenantOutsideTheAllowListIsRejectedWithoutAnyRequestToTheIdentityProvider() {
		int before = keycloak.requestCount();
		assertInvalidToken(this.http.get("/echo", customer("initech", INITECH_KEY)), "unknown issuer");
		assertInvalidToken(
				this.http.get("/echo",
						TestJwts.issuer(keycloak.issuer("acme") + "/x").subject("mallory").signWith(ACME_KEY)),
				"unknown issuer");
		assertThat(keycloak.requestCount("initech")).isZero();
		assertThat(keycloak.requestCount()).isEqualTo(before);
	}

	@Test
	void tokenOfOneTenantSignedByAnotherTenantsKeyIsRejected() {
		assertInvalidToken(this.http.get("/echo", customer("acme", GLOBEX_KEY)), "invalid signature");
		assertInvalidToken(this.http.get("/echo", customer("globex", ACME_KEY)), "invalid signature");
	}

	@Test
	void tenantsOfASharedKeySetAreBoundByTheTenantClaim() {
		Map<String, Object> body = body(this.http.get("/echo", entraToken("tenant-1", "tenant-1")));
		assertThat(body).containsEntry("provider", "entra").containsEntry("tenant", "tenant-1");
		assertThat(header(body, "x-tenant")).containsExactly("tenant-1");
		assertInvalidToken(this.http.get("/echo", entraToken("tenant-1", "tenant-2")), "tenant not allowed");
	}

	@Test
	void clientSentTenantHeaderNeverReachesTheApplication() {
		Map<String, Object> acme = body(this.http.getWithHeaders("/echo", "Authorization",
				"Bearer " + customer("acme", ACME_KEY), "x-tenant", "globex"));
		assertThat(header(acme, "x-tenant")).containsExactly("acme");
		Map<String, Object> corp = body(this.http.getWithHeaders("/echo", "Authorization",
				"Bearer " + TestJwts.issuer("https://corp.example").subject("dave").signWith(CORP_KEY), "x-tenant",
				"acme"));
		assertThat(corp).containsEntry("provider", "corp").containsEntry("tenant", null);
		assertThat(header(corp, "x-tenant")).isEmpty();
		Map<String, Object> anonymous = body(this.http.getWithHeaders("/public", "x-tenant", "acme"));
		assertThat(anonymous).containsEntry("authenticated", false);
		assertThat(header(anonymous, "x-tenant")).isEmpty();
	}

	@Test
	void rbacPrincipalBoundToATenantAllowsOnlyThatTenant() {
		assertOk(this.http.get("/acme/orders", customer("acme", ACME_KEY)));
		assertForbiddenBy(this.http.get("/acme/orders", customer("globex", GLOBEX_KEY)), "jwt.rbac");
		assertForbidden(this.http.get("/acme/orders", entraToken("acme", "acme")));
	}

	@Test
	void preAuthorizeReadsTheTenant() {
		assertOk(this.http.get("/secured/acme", customer("acme", ACME_KEY)));
		assertForbiddenBy(this.http.get("/secured/acme", customer("globex", GLOBEX_KEY)), "the application");
		assertOk(this.http.get("/secured/tenant", entraToken("tenant-9", "tenant-9")));
		assertForbidden(this.http.get("/secured/tenant",
				TestJwts.issuer("https://corp.example").subject("dave").signWith(CORP_KEY)));
	}

	@Test
	void routePredicateChoosesTheRouteByTenant() {
		HttpResponse<String> acme = this.http.get("/routed", customer("acme", ACME_KEY));
		assertOk(acme);
		assertThat(acme.body()).isEqualTo("acme build");
		HttpResponse<String> globex = this.http.get("/routed", customer("globex", GLOBEX_KEY));
		assertOk(globex);
		assertThat(globex.body()).isEqualTo("shared build");
	}

}
