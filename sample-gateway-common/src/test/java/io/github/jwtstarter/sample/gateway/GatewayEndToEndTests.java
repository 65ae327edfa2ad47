package io.github.jwtstarter.sample.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream.Received;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
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

import static io.github.jwtstarter.test.CorpAndKube.CORP_ISSUER;
import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_ISSUER;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample gateway over real HTTP: Spring Cloud Gateway Server Web MVC with the starter
 * at the edge, remote JWK Sets on loopback, tokens signed by real keys, and three real
 * upstream servers on loopback that record exactly what the gateway's proxy sent them.
 * <p>
 * Written once for both gateway flavours: {@code WebMvcGatewayEndToEndTests}
 * (sample-gateway, Server Web MVC) and {@code ReactiveGatewayEndToEndTests}
 * (sample-gateway-reactive, Server WebFlux) run these scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayEndToEndTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final String SVC_C = "system:serviceaccount:default:svc-c";

	/** The audience both providers of the sample require. */
	static final String AUDIENCE = "sample-gateway";

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final JwksServer kube = JwksServer.start(KUBE_KEY);

	static final EchoUpstream primary = EchoUpstream.start("primary");

	static final EchoUpstream canary = EchoUpstream.start("canary");

	static final EchoUpstream pets = EchoUpstream.start("pets");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry, corp::jwksUri, kube::jwksUri);
		registry.add("upstream.primary", primary::uri);
		registry.add("upstream.canary", canary::uri);
		registry.add("upstream.pets", pets::uri);
		// deny policies and exclusions, on top of the sample's policies
		// (docs/access-control.md)
		String policies = "jwt.rbac.policies.";
		registry.add(policies + "pets-admin-only.action", () -> "deny");
		registry.add(policies + "pets-admin-only.permissions.paths", () -> "/api/pets/admin/**");
		registry.add(policies + "pets-admin-only.principals[0].matcher", () -> "list-contains");
		registry.add(policies + "pets-admin-only.principals[0].not-claims.groups", () -> "admins");
		registry.add(policies + "greeting-reads-only.action", () -> "deny");
		registry.add(policies + "greeting-reads-only.permissions.paths", () -> "/greeting");
		registry.add(policies + "greeting-reads-only.permissions.not-methods", () -> "GET");
		registry.add(policies + "pets-svc-c.permissions.paths", () -> "/api/pets/**");
		registry.add(policies + "pets-svc-c.permissions.not-paths", () -> "/api/pets/private/**");
		registry.add(policies + "pets-svc-c.permissions.methods", () -> "GET");
		registry.add(policies + "pets-svc-c.principals[0].provider", () -> "kube");
		registry.add(policies + "pets-svc-c.principals[0].claims.sub", () -> SVC_C);
	}

	@AfterAll
	static void stopServers() {
		corp.close();
		kube.close();
		primary.close();
		canary.close();
		pets.close();
	}

	@BeforeEach
	void forgetRequests() {
		primary.reset();
		canary.reset();
		pets.reset();
	}

	@Test
	void soloIoTokenReachesTheCanaryWithItsClaimsAsHeaders() {
		String token = corpToken("dave", "solo.io");
		assertThat(get("/greeting", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		Received received = only(canary);
		assertThat(received.target()).isEqualTo("/greeting");
		assertThat(received.header("x-company")).containsExactly("solo.io");
		assertThat(received.header("x-user")).containsExactly("dave");
		assertThat(primary.received()).isEmpty();
	}

	@Test
	void soloIoInAListClaimReachesTheCanary() {
		String token = TestJwts.issuer(CORP_ISSUER)
			.audience(AUDIENCE)
			.subject("erin")
			.claim("org", java.util.List.of("acme", "solo.io"))
			.signWith(CORP_KEY);
		assertThat(get("/greeting", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(only(canary).header("x-company")).containsExactly("acme,solo.io");
	}

	@Test
	void otherValidTokenReachesThePrimary() {
		assertThat(get("/greeting", "Authorization", "Bearer " + corpToken("alice", "corp.example")).statusCode())
			.isEqualTo(200);
		Received received = only(primary);
		assertThat(received.header("x-company")).containsExactly("corp.example");
		assertThat(received.header("x-user")).containsExactly("alice");
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void tokenWithoutOrgReachesThePrimaryWithoutACompanyHeader() {
		String token = TestJwts.issuer(CORP_ISSUER).audience(AUDIENCE).subject("frank").signWith(CORP_KEY);
		assertThat(get("/greeting", "Authorization", "Bearer " + token, "x-company", "solo.io").statusCode())
			.isEqualTo(200);
		assertThat(only(primary).header("x-company")).isEmpty();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void orgOnlyInAClientSentHeaderReachesThePrimaryAndTheUpstreamSeesNoClientValue() {
		String token = corpToken("alice", "corp.example");
		assertThat(get("/greeting", "Authorization", "Bearer " + token, "x-company", "solo.io", "x-user", "root")
			.statusCode()).isEqualTo(200);
		Received received = only(primary);
		assertThat(received.header("x-company")).containsExactly("corp.example");
		assertThat(received.header("x-user")).containsExactly("alice");
		assertThat(received.contains("solo.io")).isFalse();
		assertThat(received.contains("root")).isFalse();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void claimHeadersSpelledWithUnderscoresNeverReachTheUpstream() {
		// CGI and WSGI upstreams read X_User and X-User alike, as HTTP_X_USER
		String token = corpToken("alice", "corp.example");
		assertThat(get("/greeting", "Authorization", "Bearer " + token, "X_Company", "solo.io", "x_user", "root",
				"X_USER", "admin")
			.statusCode()).isEqualTo(200);
		Received received = only(primary);
		assertThat(received.header("x-company")).containsExactly("corp.example");
		assertThat(received.header("x-user")).containsExactly("alice");
		assertThat(received.headers()).doesNotContainKeys("x_company", "x_user");
		assertThat(received.contains("root")).isFalse();
		assertThat(received.contains("admin")).isFalse();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void requestWithoutTokenIsRejectedWith401AndNoUpstreamIsCalled() {
		TestHttp.assertTokenRequired(get("/greeting", "x-company", "solo.io"));
		TestHttp.assertTokenRequired(get("/api/pets"));
		assertNoUpstreamCalled();
	}

	@Test
	void expiredTokenIsRejectedWith401AndNoUpstreamIsCalled() {
		Instant now = Instant.now();
		String token = TestJwts.issuer(CORP_ISSUER)
			.audience(AUDIENCE)
			.subject("dave")
			.claim("org", "solo.io")
			.issuedAt(now.minus(Duration.ofHours(2)))
			.expiresAt(now.minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
		assertInvalidToken(get("/greeting", "Authorization", "Bearer " + token));
		assertNoUpstreamCalled();
	}

	@Test
	void tokenSignedByAForeignKeyIsRejectedWith401AndNoUpstreamIsCalled() {
		String token = TestJwts.issuer(CORP_ISSUER)
			.audience(AUDIENCE)
			.subject("mallory")
			.claim("org", "solo.io")
			.signWith(TestKeys.rsa("corp-1"));
		assertInvalidToken(get("/greeting", "Authorization", "Bearer " + token));
		assertInvalidToken(get("/greeting?access_token=" + token));
		assertNoUpstreamCalled();
	}

	@Test
	void tokenOfAnotherProvidersKeyIsRejectedWith401AndNoUpstreamIsCalled() {
		String token = TestJwts.issuer(CORP_ISSUER)
			.audience(AUDIENCE)
			.subject("mallory")
			.claim("org", "solo.io")
			.signWith(KUBE_KEY);
		assertInvalidToken(get("/greeting", "Authorization", "Bearer " + token));
		assertNoUpstreamCalled();
	}

	@Test
	void tokenOfAnUnknownIssuerIsRejectedWith401AndNoUpstreamIsCalled() {
		String token = TestJwts.issuer("https://evil.example").audience(AUDIENCE).subject("mallory").signWith(CORP_KEY);
		assertInvalidToken(get("/greeting", "Authorization", "Bearer " + token));
		assertNoUpstreamCalled();
	}

	@Test
	void keepTokenFalseHidesTheAuthorizationHeaderFromTheUpstream() {
		String token = corpToken("dave", "solo.io");
		assertThat(get("/greeting", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		Received received = only(canary);
		assertThat(received.header("authorization")).isEmpty();
		assertThat(received.contains(token)).isFalse();
		assertThat(received.contains(signature(token))).isFalse();
	}

	@Test
	void keepTokenFalseHidesTheQueryParameterFromTheUpstreamAndKeepsTheOthers() {
		String token = corpToken("dave", "solo.io");
		assertThat(get("/greeting?lang=en&access_token=" + token + "&page=2").statusCode()).isEqualTo(200);
		Received received = only(canary);
		assertThat(received.target()).isEqualTo("/greeting?lang=en&page=2");
		assertThat(received.contains(signature(token))).isFalse();
		assertThat(received.header("x-company")).containsExactly("solo.io");
	}

	@Test
	void keepTokenFalseHidesTheCookieFromTheUpstreamAndKeepsTheOthers() {
		String token = corpToken("dave", "solo.io");
		assertThat(get("/greeting", "Cookie", "theme=dark; access_token=" + token + "; lang=en").statusCode())
			.isEqualTo(200);
		Received received = only(canary);
		assertThat(String.join("; ", received.header("cookie"))).contains("theme=dark").contains("lang=en");
		assertThat(received.contains(signature(token))).isFalse();
	}

	@Test
	void keepTokenTrueForwardsTheTokenToTheUpstream() {
		String token = kubeToken(SVC_A);
		assertThat(get("/api/pets", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(only(pets).header("authorization")).containsExactly("Bearer " + token);
	}

	@Test
	void headerMappedByAnotherProviderIsRemovedForThisProvidersToken() {
		String token = kubeToken(SVC_A);
		assertThat(get("/api/pets", "Authorization", "Bearer " + token, "x-company", "solo.io").statusCode())
			.isEqualTo(200);
		Received received = only(pets);
		assertThat(received.header("x-company")).isEmpty();
		assertThat(received.contains("solo.io")).isFalse();
	}

	@Test
	void rbacAllowsSvcAToGetPets() {
		assertThat(get("/api/pets/7", "Authorization", "Bearer " + kubeToken(SVC_A)).statusCode()).isEqualTo(200);
		assertThat(only(pets).target()).isEqualTo("/api/pets/7");
	}

	@Test
	void rbacDeniesAnotherServiceAccountWith403AndNoUpstreamIsCalled() {
		TestHttp.assertForbidden(
				get("/api/pets", "Authorization", "Bearer " + kubeToken("system:serviceaccount:default:svc-b")));
		assertNoUpstreamCalled();
	}

	@Test
	void rbacDeniesAnotherMethodWith403AndNoUpstreamIsCalled() {
		TestHttp.assertForbidden(send("DELETE", "/api/pets/1", "Authorization", "Bearer " + kubeToken(SVC_A)));
		assertNoUpstreamCalled();
	}

	@Test
	void rbacDeniesAnotherProvidersTokenWith403AndNoUpstreamIsCalled() {
		TestHttp.assertForbidden(get("/api/pets", "Authorization", "Bearer " + corpToken(SVC_A, "solo.io")));
		assertNoUpstreamCalled();
	}

	@Test
	void rbacDenyPolicyKeepsOnePathForAdminsAndNoUpstreamIsCalledForOthers() {
		TestHttp.assertForbiddenBy(get("/api/pets/admin/1", "Authorization", "Bearer " + kubeToken(SVC_A)), "jwt.rbac");
		assertNoUpstreamCalled();
		String admin = TestJwts.issuer(KUBE_ISSUER)
			.audience(AUDIENCE)
			.subject(SVC_A)
			.claim("groups", java.util.List.of("admins"))
			.signWith(KUBE_KEY);
		assertThat(get("/api/pets/admin/1", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
		assertThat(only(pets).target()).isEqualTo("/api/pets/admin/1");
	}

	@Test
	void rbacDenyPolicyWithNotMethodsLeavesOnlyReadsAndNoUpstreamIsCalledForWrites() {
		String token = corpToken("dave", "solo.io");
		TestHttp.assertForbiddenBy(send("POST", "/greeting", "Authorization", "Bearer " + token), "jwt.rbac");
		TestHttp.assertForbidden(send("DELETE", "/greeting", "Authorization", "Bearer " + token));
		assertNoUpstreamCalled();
		assertThat(get("/greeting", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(only(canary).target()).isEqualTo("/greeting");
	}

	@Test
	void rbacNotPathsLeaveAPathOutOfAnAllowPolicy() {
		String svcC = kubeToken(SVC_C);
		assertThat(get("/api/pets/3", "Authorization", "Bearer " + svcC).statusCode()).isEqualTo(200);
		assertThat(only(pets).target()).isEqualTo("/api/pets/3");
		pets.reset();
		TestHttp.assertForbidden(get("/api/pets/private/3", "Authorization", "Bearer " + svcC));
		assertNoUpstreamCalled();
	}

	@Test
	void tokenIssuedForAnotherApiIsRejectedAndNoUpstreamIsCalled() {
		String token = TestJwts.issuer(CORP_ISSUER)
			.audience("billing-api")
			.subject("dave")
			.claim("org", "solo.io")
			.signWith(CORP_KEY);
		assertInvalidToken(get("/greeting", "Authorization", "Bearer " + token), "audience not allowed");
		assertThat(primary.received()).isEmpty();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void allowMissingRouteServesAnonymousCallersWithoutClaimHeaders() {
		assertThat(get("/menu/today", "x-company", "solo.io").statusCode()).isEqualTo(200);
		Received received = only(primary);
		assertThat(received.target()).isEqualTo("/menu/today");
		assertThat(received.header("x-company")).isEmpty();
	}

	@Test
	void allowMissingRouteGivesVerifiedCallersTheirClaimHeadersAndRefusesInvalidTokens() {
		assertThat(get("/menu/today", "Authorization", "Bearer " + corpToken("dave", "solo.io")).statusCode())
			.isEqualTo(200);
		assertThat(only(primary).header("x-company")).containsExactly("solo.io");
		primary.reset();
		String expired = TestJwts.issuer(CORP_ISSUER)
			.audience(AUDIENCE)
			.subject("dave")
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
		assertInvalidToken(get("/menu/today", "Authorization", "Bearer " + expired));
		assertThat(primary.received()).isEmpty();
	}

	private static String corpToken(String subject, String org) {
		return TestJwts.issuer(CORP_ISSUER).audience(AUDIENCE).subject(subject).claim("org", org).signWith(CORP_KEY);
	}

	private static String kubeToken(String subject) {
		return TestJwts.issuer(KUBE_ISSUER).audience(AUDIENCE).subject(subject).signWith(KUBE_KEY);
	}

	private static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

	private static Received only(EchoUpstream upstream) {
		assertThat(upstream.received()).as(upstream.name() + " requests").hasSize(1);
		return upstream.received().get(0);
	}

	private static void assertNoUpstreamCalled() {
		assertThat(primary.received()).isEmpty();
		assertThat(canary.received()).isEmpty();
		assertThat(pets.received()).isEmpty();
	}

	private HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, headers);
	}

	private HttpResponse<String> send(String method, String path, String... headers) {
		return new TestHttp(this.port).sendWithHeaders(method, path, headers);
	}

}
