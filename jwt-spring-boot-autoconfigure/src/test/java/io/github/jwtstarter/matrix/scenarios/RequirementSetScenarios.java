package io.github.jwtstarter.matrix.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.matrix.Received;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requirement sets ({@code jwt.routes[i].all-of}): a request must carry a valid user
 * token of {@code corp} in {@code Authorization} and a valid workload token of
 * {@code kube} in {@code x-workload-token}. A missing or failed one is answered 401
 * naming its provider, and nothing reaches the application or the upstream; both tokens'
 * claims are copied into headers, and an RBAC principal naming {@code kube} is matched
 * against the workload token.
 */
class RequirementSetScenarios extends MatrixScenarios {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final String WORKLOAD_HEADER = "x-workload-token";

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String corp = "jwt.providers.corp.";
		String kube = "jwt.providers.kube.";
		String p = "jwt.rbac.policies.";
		return pairs(corp + "issuer", "https://corp.example", corp + "jwks.local",
				TestKeys.toPublicJwkSetJson(CORP_KEY), corp + "claims-to-headers[0].claim", "sub",
				corp + "claims-to-headers[0].header", "x-user", kube + "issuer", "kubernetes/serviceaccount",
				kube + "jwks.local", TestKeys.toPem(KUBE_KEY), kube + "token-source.headers[0].name", WORKLOAD_HEADER,
				kube + "token-source.headers[0].prefix", "", kube + "keep-token", "false",
				kube + "claims-to-headers[0].claim", "sub", kube + "claims-to-headers[0].header", "x-workload",
				"jwt.routes[0].paths", "/optional/**", "jwt.routes[0].validation-policy", "allow-missing-or-failed",
				"jwt.routes[0].all-of", "corp,kube", "jwt.routes[1].paths", "/api/**", "jwt.routes[1].all-of",
				"corp,kube", p + "headers.permissions.paths", "/api/headers", p + "headers.principals[0].claims.org",
				"solo.io", p + "orders.permissions.paths", "/api/orders/**", p + "orders.principals[0].provider",
				"kube", p + "orders.principals[0].claims.sub", SVC_A);
	}

	static String user(String org) {
		return TestJwts.issuer("https://corp.example").subject("alice").claim("org", org).signWith(CORP_KEY);
	}

	static String workload(String subject) {
		return TestJwts.issuer("kubernetes/serviceaccount").subject(subject).signWith(KUBE_KEY);
	}

	@Test
	void bothTokensValidReachTheApplicationWithBothTokensClaims() {
		String workload = workload(SVC_A);
		assertOk(http().getWithHeaders("/api/headers", "Authorization", "Bearer " + user("solo.io"), WORKLOAD_HEADER,
				workload, "x-workload", "forged"));
		Received received = received().only();
		assertThat(received.header("x-user")).containsExactly("alice");
		assertThat(received.header("x-workload")).containsExactly(SVC_A);
		assertThat(received.header(WORKLOAD_HEADER)).as("kube's keep-token: false").isEmpty();
		assertThat(received.contains(workload)).isFalse();
		assertThat(received.header("Authorization")).hasSize(1);
	}

	@Test
	void missingWorkloadTokenIsRefusedNamingItsProvider() {
		assertInvalidToken(http().get("/api/headers", user("solo.io")), "token required (provider kube)");
		assertInvalidToken(http().getWithHeaders("/api/headers", WORKLOAD_HEADER, workload(SVC_A)),
				"token required (provider corp)");
		assertTokenRequired(http().get("/api/headers"));
		received().assertNone();
	}

	@Test
	void failedTokenIsRefusedNamingItsProvider() {
		String expiredWorkload = TestJwts.issuer("kubernetes/serviceaccount")
			.subject(SVC_A)
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(KUBE_KEY);
		assertInvalidToken(http().getWithHeaders("/api/headers", "Authorization", "Bearer " + user("solo.io"),
				WORKLOAD_HEADER, expiredWorkload), "expired (provider kube)");
		String forgedUser = TestJwts.issuer("https://corp.example").subject("alice").signWith(TestKeys.rsa("other"));
		assertInvalidToken(http().getWithHeaders("/api/headers", "Authorization", "Bearer " + forgedUser,
				WORKLOAD_HEADER, workload(SVC_A)), "invalid signature (provider corp)");
		assertInvalidToken(http().getWithHeaders("/api/headers", "Authorization", "Bearer " + workload(SVC_A),
				WORKLOAD_HEADER, user("solo.io")), "issuer not allowed here (provider corp)");
		received().assertNone();
	}

	@Test
	void rbacPrincipalsAreMatchedAgainstTheTokenTheyName() {
		String user = "Bearer " + user("solo.io");
		assertOk(http().getWithHeaders("/api/orders/1", "Authorization", user, WORKLOAD_HEADER, workload(SVC_A)));
		received().clear();
		assertForbiddenBy(http().getWithHeaders("/api/orders/1", "Authorization", user, WORKLOAD_HEADER,
				workload("system:serviceaccount:default:svc-b")), "jwt.rbac");
		assertForbiddenBy(http().getWithHeaders("/api/headers", "Authorization", "Bearer " + user("acme"),
				WORKLOAD_HEADER, workload(SVC_A)), "jwt.rbac");
		received().assertNone();
	}

	@Test
	void failedSetOnAnAllowMissingOrFailedRouteContinuesWithoutAnyOfItsTokens() {
		String user = user("solo.io");
		String forgedWorkload = TestJwts.issuer("kubernetes/serviceaccount")
			.subject(SVC_A)
			.signWith(TestKeys.rsa("other"));
		assertOk(http().getWithHeaders("/optional/menu", "Authorization", "Bearer " + user, WORKLOAD_HEADER,
				forgedWorkload, "x-user", "forged"));
		Received received = received().only();
		assertThat(received.contains(user)).isFalse();
		assertThat(received.contains(forgedWorkload)).isFalse();
		assertThat(received.header("x-user")).isEmpty();
		assertThat(received.principal()).isNull();
	}

}
