package io.github.jwtstarter.authorization;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.KubernetesApiServer;
import io.github.jwtstarter.test.KubernetesTokens;
import io.github.jwtstarter.test.TestCertificates;
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

import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projected Kubernetes service-account tokens (the shape of {@link KubernetesTokens}:
 * identity nested under the dotted key {@code kubernetes.io}) through RBAC by namespace,
 * by service-account name, and by a {@code sub} prefix with {@code regex-match}, and
 * through authorities mapped from {@code kubernetes.io.serviceaccount.name}. Keys come by
 * discovery from an API-server-like HTTPS endpoint trusted through an SSL bundle; real
 * signed tokens over real HTTP.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectedServiceAccountHttpTests {

	static final RSAKey KEY = TestKeys.rsa("sa-key");

	static final KubernetesApiServer api = KubernetesApiServer.start(KEY);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.cluster.truststore.certificate",
				() -> TestCertificates.tlsFiles().caCertificate().toUri().toString());
		registry.add("jwt.providers.kube.issuer", api::issuer);
		registry.add("jwt.providers.kube.audiences", api::issuer);
		registry.add("jwt.providers.kube.jwks.ssl-bundle", () -> "cluster");
		registry.add("jwt.providers.kube.authorities[0].claim", () -> "kubernetes.io.serviceaccount.name");
		registry.add("jwt.providers.kube.authorities[0].prefix", () -> "SA_");
		registry.add("jwt.providers.kube.authorities[1].claim", () -> "[kubernetes.io].namespace");
		registry.add("jwt.providers.kube.authorities[1].prefix", () -> "NS_");
		String policies = "jwt.rbac.policies.";
		registry.add(policies + "by-namespace.permissions.paths", () -> "/namespace/**");
		registry.add(policies + "by-namespace.principals[0].provider", () -> "kube");
		registry.add(policies + "by-namespace.principals[0].claims.kubernetes.io.namespace", () -> "default");
		registry.add(policies + "by-name.permissions.paths", () -> "/api/pets/**");
		registry.add(policies + "by-name.permissions.methods", () -> "GET");
		registry.add(policies + "by-name.principals[0].claims.kubernetes.io.serviceaccount.name", () -> "svc-a");
		registry.add(policies + "by-name.principals[0].claims.kubernetes.io.namespace", () -> "default");
		registry.add(policies + "by-prefix.permissions.paths", () -> "/prefix/**");
		registry.add(policies + "by-prefix.principals[0].matcher", () -> "regex-match");
		registry.add(policies + "by-prefix.principals[0].claims.sub", () -> "system:serviceaccount:default:.*");
	}

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String token(String namespace, String serviceAccount) {
		return KubernetesTokens.projected(api.issuer(), namespace, serviceAccount).signWith(KEY);
	}

	@Test
	void anyServiceAccountOfTheNamespaceIsAllowedByNamespacePolicy() {
		assertOk(this.http.get("/namespace/anything", token("default", "svc-a")));
		assertOk(this.http.get("/namespace/anything", token("default", "svc-b")));
		assertForbidden(this.http.get("/namespace/anything", token("kube-system", "svc-a")));
	}

	@Test
	void namedServiceAccountIsAllowedByServiceAccountPolicy() {
		assertOk(this.http.get("/api/pets/1", token("default", "svc-a")));
		assertForbidden(this.http.get("/api/pets/1", token("default", "svc-b")));
		assertForbidden(this.http.get("/api/pets/1", token("other", "svc-a")));
		assertForbidden(this.http.send("DELETE", "/api/pets/1", token("default", "svc-a")));
	}

	@Test
	void subjectPrefixMatchedByRegexAllowsEveryServiceAccountOfTheNamespace() {
		assertOk(this.http.get("/prefix/x", token("default", "svc-a")));
		assertOk(this.http.get("/prefix/x", token("default", "reporting")));
		assertForbidden(this.http.get("/prefix/x", token("default-2", "svc-a")));
	}

	@Test
	void authoritiesComeFromNestedServiceAccountNameAndNamespace() {
		HttpResponse<String> response = this.http.get("/namespace/whoami", token("default", "svc-a"));
		assertOk(response);
		assertThat(response.body()).contains("\"name\":\"system:serviceaccount:default:svc-a\"")
			.contains("\"authorities\":[\"SA_svc-a\",\"NS_default\"]");
	}

	@Test
	void topLevelClaimNamedLikeThePathShadowsTheNestedOne() {
		String token = KubernetesTokens.projected(api.issuer(), "default", "svc-b")
			.claim("kubernetes.io.serviceaccount.name", "svc-a")
			.signWith(KEY);
		// claim paths (docs/access-control.md): the exact top-level name is looked up
		// first
		assertOk(this.http.get("/api/pets/1", token));
		HttpResponse<String> response = this.http.get("/namespace/whoami", token);
		assertThat(response.body()).contains("\"authorities\":[\"SA_svc-a\",\"NS_default\"]");
	}

	@Test
	void tokenForAnotherAudienceIsRejected() {
		String token = KubernetesTokens.projected(api.issuer(), "default", "svc-a")
			.claim("aud", java.util.List.of("vault"))
			.signWith(KEY);
		TestHttp.assertInvalidToken(this.http.get("/namespace/x", token), "audience not allowed");
	}

	@Test
	void legacyTokenOfTheSameSubjectIsNotAcceptedByThisProvider() {
		String legacy = TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry()
			.signWith(KEY);
		assertThat(this.http.get("/namespace/x", legacy).statusCode()).isEqualTo(401);
	}

}
