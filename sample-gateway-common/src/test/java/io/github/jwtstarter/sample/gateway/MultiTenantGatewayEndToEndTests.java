package io.github.jwtstarter.sample.gateway;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream.Received;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.RealmsServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-tenant providers and {@code forward-payload-header} at the sample gateway (Server
 * Web MVC) over real HTTP: a Keycloak-shaped identity provider with a realm per tenant
 * and a JWKS server whose key set every tenant shares, both on loopback; the
 * {@code JwtTenant} route predicate sends the {@code acme} tenant to its own upstream;
 * the upstreams record what the gateway's proxy sent them, so the tenant and payload
 * headers they receive, and the client-sent copies they never receive, are asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MultiTenantGatewayEndToEndTests {

	static final RSAKey ACME_KEY = TestKeys.rsa("acme-1");

	static final RSAKey GLOBEX_KEY = TestKeys.rsa("globex-1");

	static final RSAKey INITECH_KEY = TestKeys.rsa("initech-1");

	static final RSAKey ENTRA_KEY = TestKeys.rsa("entra-1");

	static final RealmsServer keycloak = RealmsServer.start()
		.realm("acme", ACME_KEY)
		.realm("globex", GLOBEX_KEY)
		.realm("initech", INITECH_KEY);

	static final JwksServer entra = JwksServer.start(ENTRA_KEY);

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final EchoUpstream acme = EchoUpstream.start("acme");

	static final EchoUpstream shared = EchoUpstream.start("shared");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry, corp::jwksUri, corp::jwksUri);
		String customers = "jwt.providers.customers.";
		registry.add(customers + "issuer", keycloak::issuerTemplate);
		registry.add(customers + "tenants", () -> "acme,globex");
		registry.add(customers + "tenant-header", () -> "x-tenant");
		registry.add(customers + "forward-payload-header", () -> "x-jwt-payload");
		String microsoft = "jwt.providers.entra.";
		registry.add(microsoft + "issuer", () -> entra.uri() + "/{tenant}/v2.0");
		registry.add(microsoft + "jwks.uri", entra::jwksUri);
		registry.add(microsoft + "tenant-claim", () -> "tid");
		registry.add(microsoft + "tenant-header", () -> "x-tenant");
		registry.add("jwt.routes[0].paths", () -> "/public/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
		registry.add("jwt.rbac.policies.orders.permissions.paths", () -> "/orders/**");
		registry.add("jwt.rbac.policies.orders.principals[0].provider", () -> "customers");
		registry.add("jwt.rbac.policies.orders.principals[1].provider", () -> "entra");
		registry.add("jwt.rbac.policies.orders.principals[2].provider", () -> "corp");
		for (String flavour : new String[] { "webmvc", "webflux" }) {
			String routes = "spring.cloud.gateway.server." + flavour + ".routes";
			registry.add(routes + "[0].id", () -> "orders-acme");
			registry.add(routes + "[0].uri", acme::uri);
			registry.add(routes + "[0].predicates[0]", () -> "Path=/orders/**");
			registry.add(routes + "[0].predicates[1]", () -> "JwtTenant=acme");
			registry.add(routes + "[1].id", () -> "orders");
			registry.add(routes + "[1].uri", shared::uri);
			registry.add(routes + "[1].predicates[0]", () -> "Path=/orders/**,/public/**");
		}
		registry.add("upstream.primary", shared::uri);
		registry.add("upstream.canary", shared::uri);
		registry.add("upstream.pets", shared::uri);
	}

	@AfterAll
	static void stopServers() {
		keycloak.close();
		entra.close();
		corp.close();
		acme.close();
		shared.close();
	}

	@BeforeEach
	void forgetRequests() {
		acme.reset();
		shared.reset();
	}

	static String customer(String realm, RSAKey key) {
		return TestJwts.issuer(keycloak.issuer(realm)).subject("alice@" + realm).signWith(key);
	}

	static String payload(String token) {
		return token.split("\\.")[1];
	}

	@Test
	void tenantPredicateSendsATenantToItsUpstreamWithItsTenantAndPayload() {
		String token = customer("acme", ACME_KEY);
		assertThat(get("/orders/7", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		Received received = only(acme);
		assertThat(received.target()).isEqualTo("/orders/7");
		assertThat(received.header("x-tenant")).containsExactly("acme");
		assertThat(received.header("x-jwt-payload")).containsExactly(payload(token));
		assertThat(shared.received()).isEmpty();
	}

	@Test
	void otherTenantsReachTheSharedUpstreamWithTheirTenant() {
		assertThat(get("/orders/7", "Authorization", "Bearer " + customer("globex", GLOBEX_KEY)).statusCode())
			.isEqualTo(200);
		assertThat(only(shared).header("x-tenant")).containsExactly("globex");
		String entraToken = TestJwts.issuer(entra.uri() + "/tenant-1/v2.0")
			.subject("carol")
			.claim("tid", "tenant-1")
			.signWith(ENTRA_KEY);
		shared.reset();
		assertThat(get("/orders/7", "Authorization", "Bearer " + entraToken).statusCode()).isEqualTo(200);
		Received received = only(shared);
		assertThat(received.header("x-tenant")).containsExactly("tenant-1");
		assertThat(received.header("x-jwt-payload")).as("entra does not forward its payload").isEmpty();
		assertThat(acme.received()).isEmpty();
	}

	@Test
	void clientSentTenantAndPayloadHeadersNeverReachAnUpstream() {
		String token = customer("acme", ACME_KEY);
		assertThat(get("/orders/7", "Authorization", "Bearer " + token, "x-tenant", "globex", "x-jwt-payload", "forged")
			.statusCode()).isEqualTo(200);
		Received tenant = only(acme);
		assertThat(tenant.header("x-tenant")).containsExactly("acme");
		assertThat(tenant.header("x-jwt-payload")).containsExactly(payload(token));
		assertThat(tenant.contains("forged")).isFalse();
		String corpToken = TestJwts.issuer("https://corp.example")
			.audience("sample-gateway")
			.subject("dave")
			.signWith(CORP_KEY);
		assertThat(
				get("/orders/7", "Authorization", "Bearer " + corpToken, "x-tenant", "acme", "x-jwt-payload", "forged")
					.statusCode())
			.isEqualTo(200);
		Received other = only(shared);
		assertThat(other.header("x-tenant")).isEmpty();
		assertThat(other.header("x-jwt-payload")).isEmpty();
		shared.reset();
		assertThat(get("/public/menu", "x-tenant", "acme", "X-JWT-Payload", "forged").statusCode()).isEqualTo(200);
		Received anonymous = only(shared);
		assertThat(anonymous.header("x-tenant")).isEmpty();
		assertThat(anonymous.contains("forged")).isFalse();
	}

	@Test
	void unknownTenantIsRejectedWith401WithoutAnyRequestToTheIdentityProviderOrAnUpstream() {
		int before = keycloak.requestCount();
		assertInvalidToken(get("/orders/7", "Authorization", "Bearer " + customer("initech", INITECH_KEY)),
				"unknown issuer");
		assertThat(keycloak.requestCount()).isEqualTo(before);
		assertNoUpstreamCalled();
	}

	@Test
	void tokenOfOneTenantSignedByAnotherTenantsKeyIsRejectedWith401() {
		assertInvalidToken(get("/orders/7", "Authorization", "Bearer " + customer("acme", GLOBEX_KEY)),
				"invalid signature");
		String otherTenant = TestJwts.issuer(entra.uri() + "/tenant-1/v2.0")
			.subject("carol")
			.claim("tid", "tenant-2")
			.signWith(ENTRA_KEY);
		assertInvalidToken(get("/orders/7", "Authorization", "Bearer " + otherTenant), "tenant not allowed");
		assertNoUpstreamCalled();
	}

	private static Received only(EchoUpstream upstream) {
		assertThat(upstream.received()).as(upstream.name() + " requests").hasSize(1);
		return upstream.received().get(0);
	}

	private static void assertNoUpstreamCalled() {
		assertThat(acme.received()).isEmpty();
		assertThat(shared.received()).isEmpty();
	}

	private HttpResponse<String> get(String path, String... headers) {
		return new TestHttp(this.port).sendWithHeaders("GET", path, headers);
	}

}
