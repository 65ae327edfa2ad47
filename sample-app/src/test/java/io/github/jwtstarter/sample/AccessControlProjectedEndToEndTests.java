package io.github.jwtstarter.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes guide's projected-token variant end to end: the sample application with
 * the {@code access-control-projected} profile as a pod would run it, only with
 * {@code KUBE_ISSUER} and {@code KUBE_SA_DIR} pointing at an API-server-like endpoint on
 * loopback HTTPS (certificate of a CA made for the test, which only the profile's SSL
 * bundle trusts) and at a directory laid out like
 * {@code /var/run/secrets/kubernetes.io/serviceaccount} ({@code ca.crt}, {@code token}).
 * The endpoint answers discovery and JWKS only to the pod's token. Projected
 * service-account tokens signed with a real key, real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("access-control-projected")
class AccessControlProjectedEndToEndTests {

	static final RSAKey SA_KEY = TestKeys.rsa("sa-key");

	static final String POD_TOKEN = "pod-token-of-the-gateway";

	static final KubernetesApiServer apiServer = KubernetesApiServer.start(SA_KEY).requireBearerToken(POD_TOKEN);

	static final Path serviceAccountDirectory = serviceAccountDirectory();

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("KUBE_ISSUER", apiServer::issuer);
		registry.add("KUBE_SA_DIR", serviceAccountDirectory::toString);
	}

	static Path serviceAccountDirectory() {
		try {
			Path directory = Files.createTempDirectory("serviceaccount");
			Files.copy(TestCertificates.tlsFiles().caCertificate(), directory.resolve("ca.crt"));
			Files.writeString(directory.resolve("token"), POD_TOKEN, StandardCharsets.US_ASCII);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stop() throws IOException {
		apiServer.close();
		FileSystemUtils.deleteRecursively(serviceAccountDirectory);
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	/**
	 * A token as a pod of {@code namespace/serviceAccount} gets for audience pets-api.
	 */
	static String token(String namespace, String serviceAccount) {
		return KubernetesTokens.projected(apiServer.issuer(), namespace, serviceAccount)
			.claim("aud", List.of("pets-api"))
			.signWith(SA_KEY);
	}

	@Test
	void requestWithoutTokenIs401() {
		assertTokenRequired(this.http.get("/api/pets"));
	}

	@Test
	void anyServiceAccountOfNamespaceDefaultCanListPets() {
		HttpResponse<String> response = this.http.get("/api/pets", token("default", "svc-b"));
		assertOk(response);
		assertThat(response.body()).contains("\"name\":\"Fido\"");
		assertOk(this.http.get("/api/pets/1", token("default", "svc-a")));
		assertForbidden(this.http.get("/api/pets", token("kube-system", "svc-a")));
	}

	@Test
	void onlyServiceAccountSvcACanCallWhoAmIAndHasItsNameAsAuthority() {
		HttpResponse<String> response = this.http.get("/whoami", token("default", "svc-a"));
		assertOk(response);
		assertThat(response.body()).contains("\"name\":\"system:serviceaccount:default:svc-a\"")
			.contains("\"authorities\":[\"SA_svc-a\"]");
		assertForbidden(this.http.get("/whoami", token("default", "svc-b")));
		assertForbidden(this.http.get("/whoami", token("staging", "svc-a")));
	}

	@Test
	void serviceAccountsOfNamespaceMonitoringCanReadMetricsBySubjectPrefix() {
		assertOk(this.http.get("/actuator/metrics", token("monitoring", "prometheus")));
		assertForbidden(this.http.get("/actuator/metrics", token("default", "svc-a")));
		assertForbidden(this.http.get("/actuator/metrics", token("monitoring-2", "prometheus")));
	}

	@Test
	void tokenForAnotherAudienceIs401() {
		String forApiServer = KubernetesTokens.projected(apiServer.issuer(), "default", "svc-a").signWith(SA_KEY);
		assertInvalidToken(this.http.get("/api/pets", forApiServer), "audience not allowed");
	}

	@Test
	void keysWereFetchedWithThePodTokenOnly() {
		assertOk(this.http.get("/api/pets", token("default", "svc-a")));
		assertThat(apiServer.authorizations()).isNotEmpty().containsOnly("Bearer " + POD_TOKEN);
		assertThat(apiServer.unauthorizedCount()).isZero();
	}

	@Test
	void legacyTokenIsNotAcceptedByThisProfile() {
		String legacy = TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry()
			.signWith(SA_KEY);
		assertInvalidToken(this.http.get("/api/pets", legacy), "unknown issuer");
	}

}
