package io.github.jwtstarter.matrix.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.matrix.Received;
import io.github.jwtstarter.test.KubernetesApiServer;
import io.github.jwtstarter.test.KubernetesTokens;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes projected service-account tokens: keys discovered from an API-server-like
 * HTTPS endpoint signed by a private CA (trusted through a per-provider SSL bundle), one
 * of them requiring the pod's own token as a bearer token on discovery and JWKS requests;
 * dotted claim paths ({@code kubernetes.io.namespace}) in RBAC and in claim headers.
 */
class KubernetesScenarios extends MatrixScenarios {

	static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.matrix-pod-token.c2lnbmF0dXJl";

	static final RSAKey KEY = TestKeys.rsa("sa-key");

	static final RSAKey PROTECTED_KEY = TestKeys.rsa("sa-key-protected");

	static final KubernetesApiServer api = KubernetesApiServer.start(KEY);

	static final KubernetesApiServer protectedApi = KubernetesApiServer.start(PROTECTED_KEY)
		.requireBearerToken(POD_TOKEN);

	static final Path tokenFile = tokenFile();

	@AfterAll
	static void stopServers() throws IOException {
		api.close();
		protectedApi.close();
		Files.deleteIfExists(tokenFile);
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String kube = "jwt.providers.kube.";
		String cluster = "jwt.providers.cluster.";
		String p = "jwt.rbac.policies.";
		return pairs("spring.ssl.bundle.pem.cluster-ca.truststore.certificate",
				TestCertificates.tlsFiles().caCertificate().toUri().toString(), kube + "issuer", api.issuer(),
				kube + "audiences", api.issuer(), kube + "jwks.ssl-bundle", "cluster-ca",
				kube + "claims-to-headers[0].claim", "kubernetes.io.serviceaccount.name",
				kube + "claims-to-headers[0].header", "x-service-account", kube + "claims-to-headers[1].claim",
				"[kubernetes.io].namespace", kube + "claims-to-headers[1].header", "x-namespace", cluster + "issuer",
				protectedApi.issuer(), cluster + "jwks.ssl-bundle", "cluster-ca",
				cluster + "jwks.bearer-token-location", tokenFile.toUri().toString(),
				p + "by-namespace.permissions.paths", "/namespace/**", p + "by-namespace.principals[0].provider",
				"kube", p + "by-namespace.principals[0].claims.kubernetes.io.namespace", "default",
				p + "pods.permissions.paths", "/api/pods/**", p + "pods.principals[0].provider", "kube",
				p + "pods.principals[1].provider", "cluster");
	}

	private static Path tokenFile() {
		try {
			Path file = Files.createTempFile("matrix-pod", ".token");
			Files.writeString(file, POD_TOKEN + "\n", StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String token(String namespace, String serviceAccount) {
		return KubernetesTokens.projected(api.issuer(), namespace, serviceAccount).signWith(KEY);
	}

	@Test
	void projectedTokenIsVerifiedWithKeysFromThePrivateCaEndpointAndItsDottedClaimsArriveAsHeaders() {
		assertOk(http().get("/api/pods", token("default", "svc-a")));
		Received received = received().only();
		assertThat(received.header("x-service-account")).containsExactly("svc-a");
		assertThat(received.header("x-namespace")).containsExactly("default");
		assertThat(api.requestCount()).isPositive();
	}

	@Test
	void rbacMatchesADottedClaimPath() {
		assertOk(http().get("/namespace/x", token("default", "svc-b")));
		assertForbiddenBy(http().get("/namespace/x", token("kube-system", "svc-a")), "jwt.rbac");
		assertThat(received().all()).hasSize(1);
	}

	@Test
	void tokenForAnotherAudienceIsRefused() {
		String token = KubernetesTokens.projected(api.issuer(), "default", "svc-a")
			.claim("aud", List.of("vault"))
			.signWith(KEY);
		assertInvalidToken(http().get("/api/pods", token), "audience not allowed");
		received().assertNone();
	}

	@Test
	void keyRequestsCarryThePodsTokenWhereTheEndpointRequiresIt() {
		String token = KubernetesTokens.projected(protectedApi.issuer(), "default", "svc-a").signWith(PROTECTED_KEY);
		assertOk(http().get("/api/pods", token));
		assertThat(protectedApi.authorizations()).isNotEmpty().allMatch(("Bearer " + POD_TOKEN)::equals);
		assertThat(protectedApi.unauthorizedCount()).isZero();
	}

}
