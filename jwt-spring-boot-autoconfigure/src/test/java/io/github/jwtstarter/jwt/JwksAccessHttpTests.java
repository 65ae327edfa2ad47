package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.KubernetesApiServer;
import io.github.jwtstarter.test.KubernetesTokens;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery and JWKS from API-server-like endpoints on real loopback HTTPS whose
 * certificates come from a CA made for the test: trusted only through a provider's
 * {@code jwks.ssl-bundle} (never the JVM's trust store), a bearer token read from a file
 * and re-read when it rotates, mutual TLS with a client key from the bundle. Tokens are
 * projected service-account tokens signed with real keys, sent over real HTTP.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.github.jwtstarter=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class JwksAccessHttpTests {

	static final RSAKey KEY_1 = TestKeys.rsa("sa-key-1");

	static final RSAKey KEY_2 = TestKeys.rsa("sa-key-2");

	static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.pod-token-one.c2lnbmF0dXJl";

	static final String ROTATED_POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.pod-token-two.c2lnbmF0dXJl";

	static final KubernetesApiServer api = KubernetesApiServer.start(KEY_1);

	static final KubernetesApiServer protectedApi = KubernetesApiServer.start(KEY_1).requireBearerToken(POD_TOKEN);

	static final KubernetesApiServer rotatingApi = KubernetesApiServer.start(KEY_1).requireBearerToken(POD_TOKEN);

	static final KubernetesApiServer mutualTlsApi = KubernetesApiServer.startMutualTls(KEY_1);

	/** Serves keys to anyone; the discovery of {@link #pointingElsewhereApi} names it. */
	static final KubernetesApiServer otherHostApi = KubernetesApiServer.start(KEY_1);

	static final KubernetesApiServer pointingElsewhereApi = KubernetesApiServer.start(KEY_1)
		.requireBearerToken(POD_TOKEN)
		.jwksUriElsewhere(otherHostApi.issuer() + KubernetesApiServer.JWKS_PATH);

	static final Path tokenFile = tokenFile("pod-token");

	static final Path rotatingTokenFile = tokenFile("rotating-pod-token");

	/** Trust of the reloading bundle: at first a certificate that is not the CA. */
	static final Path reloadingTrust = copy(TestCertificates.tlsFiles().clientCertificate());

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestCertificates.TlsFiles certificates = TestCertificates.tlsFiles();
		registry.add("spring.ssl.bundle.pem.cluster.truststore.certificate",
				() -> certificates.caCertificate().toUri().toString());
		registry.add("spring.ssl.bundle.pem.cluster-client.truststore.certificate",
				() -> certificates.caCertificate().toUri().toString());
		registry.add("spring.ssl.bundle.pem.cluster-client.keystore.certificate",
				() -> certificates.clientCertificate().toUri().toString());
		registry.add("spring.ssl.bundle.pem.cluster-client.keystore.private-key",
				() -> certificates.clientPrivateKey().toUri().toString());
		provider(registry, "trusted", api.issuer(), "cluster", null);
		provider(registry, "untrusted", api.issuer("/untrusted"), null, null);
		provider(registry, "with-token", protectedApi.issuer(), "cluster", tokenFile);
		provider(registry, "without-token", protectedApi.issuer("/anonymous"), "cluster", null);
		provider(registry, "rotating", rotatingApi.issuer(), "cluster", rotatingTokenFile);
		registry.add("jwt.providers.rotating.jwks.min-refresh-interval", () -> "0s");
		provider(registry, "mutual-tls", mutualTlsApi.issuer(), "cluster-client", null);
		provider(registry, "trust-only", mutualTlsApi.issuer("/trust-only"), "cluster", null);
		provider(registry, "keys-elsewhere", pointingElsewhereApi.issuer(), "cluster", tokenFile);
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "100ms");
		registry.add("spring.ssl.bundle.pem.reloading.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.pem.reloading.truststore.certificate", () -> reloadingTrust.toUri().toString());
		provider(registry, "reloading", api.issuer("/reloading"), "reloading", null);
		registry.add("jwt.providers.reloading.jwks.min-refresh-interval", () -> "0s");
		registry.add("spring.ssl.bundle.pem.tls10-only.truststore.certificate",
				() -> certificates.caCertificate().toUri().toString());
		registry.add("spring.ssl.bundle.pem.tls10-only.options.enabled-protocols", () -> "TLSv1");
		provider(registry, "tls10-only", api.issuer("/tls10-only"), "tls10-only", null);
	}

	static void provider(DynamicPropertyRegistry registry, String id, String issuer, String sslBundle,
			Path bearerToken) {
		String name = "jwt.providers." + id;
		registry.add(name + ".issuer", () -> issuer);
		if (sslBundle != null) {
			registry.add(name + ".jwks.ssl-bundle", () -> sslBundle);
		}
		if (bearerToken != null) {
			registry.add(name + ".jwks.bearer-token-location", () -> bearerToken.toUri().toString());
		}
	}

	static Path tokenFile(String name) {
		try {
			Path file = Files.createTempFile(name, ".token");
			Files.writeString(file, POD_TOKEN + "\n", StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path copy(Path file) {
		try {
			// a directory of its own, as Spring Boot watches the directory of a bundle's
			// files;
			// deleted when the JVM exits, after the watcher (deleting it earlier makes it
			// complain)
			Path directory = Files.createTempDirectory("trust");
			directory.toFile().deleteOnExit();
			Path copy = directory.resolve("ca.crt");
			Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
			copy.toFile().deleteOnExit();
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stop() throws IOException {
		api.close();
		protectedApi.close();
		rotatingApi.close();
		mutualTlsApi.close();
		otherHostApi.close();
		pointingElsewhereApi.close();
		Files.deleteIfExists(tokenFile);
		Files.deleteIfExists(rotatingTokenFile);
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String token(String issuer, RSAKey key) {
		return KubernetesTokens.projected(issuer, "default", "svc-a").signWith(key);
	}

	@Test
	void discoveryOverPrivateCaTrustedThroughSslBundleVerifiesTokens() {
		HttpResponse<String> response = this.http.get("/anything", token(api.issuer(), KEY_1));
		assertOk(response);
		assertThat(response.body()).contains("\"provider\":\"trusted\"")
			.contains("\"name\":\"system:serviceaccount:default:svc-a\"");
	}

	@Test
	void sameEndpointWithoutSslBundleIsUntrustedAndTokensAreRejectedWith401(CapturedOutput output) {
		assertInvalidToken(this.http.get("/anything", token(api.issuer("/untrusted"), KEY_1)),
				"unable to verify token");
		assertThat(output).contains("'untrusted': fetch failure causes").contains("PKIX path building failed");
	}

	@Test
	void bearerTokenFromFileIsSentOnDiscoveryAndJwksRequestsOfItsProviderOnly() {
		assertOk(this.http.get("/anything", token(protectedApi.issuer(), KEY_1)));
		assertThat(protectedApi.authorizations()).contains("Bearer " + POD_TOKEN)
			.allMatch(("Bearer " + POD_TOKEN)::equals);
		assertThat(api.authorizations()).isEmpty();
		assertThat(mutualTlsApi.authorizations()).isEmpty();
	}

	@Test
	void bearerTokenIsNotSentToADiscoveredJwksUriOnAnotherOrigin() {
		assertOk(this.http.get("/anything", token(pointingElsewhereApi.issuer(), KEY_1)));
		assertThat(pointingElsewhereApi.authorizations()).as("discovery, at the issuer's origin")
			.containsOnly("Bearer " + POD_TOKEN);
		assertThat(otherHostApi.requestCount()).as("the keys were fetched there").isPositive();
		assertThat(otherHostApi.authorizations()).as("without the pod's token").isEmpty();
	}

	@Test
	void endpointRequiringBearerTokenRefusesProviderWithoutOneAnd401Follows() {
		int refused = protectedApi.unauthorizedCount();
		assertInvalidToken(this.http.get("/anything", token(protectedApi.issuer("/anonymous"), KEY_1)),
				"unable to verify token");
		assertThat(protectedApi.unauthorizedCount()).isGreaterThan(refused);
	}

	@Test
	void rotatedBearerTokenFileIsReadOnTheNextFetch() throws IOException {
		assertOk(this.http.get("/anything", token(rotatingApi.issuer(), KEY_1)));
		rotatingApi.setKeys(KEY_1, KEY_2).requireBearerToken(ROTATED_POD_TOKEN);
		int refused = rotatingApi.unauthorizedCount();
		// the old token is refused, so the new key is not found (which reads as a bad
		// signature)
		assertInvalidToken(this.http.get("/anything", token(rotatingApi.issuer(), KEY_2)), "invalid signature");
		assertThat(rotatingApi.unauthorizedCount()).isGreaterThan(refused);
		Files.writeString(rotatingTokenFile, ROTATED_POD_TOKEN + "\n", StandardCharsets.US_ASCII);
		assertOk(this.http.get("/anything", token(rotatingApi.issuer(), KEY_2)));
		assertThat(rotatingApi.authorizations()).last().isEqualTo("Bearer " + ROTATED_POD_TOKEN);
		assertOk(this.http.get("/anything", token(rotatingApi.issuer(), KEY_1)));
	}

	@Test
	void mutualTlsEndpointAcceptsClientKeyFromSslBundle() {
		HttpResponse<String> response = this.http.get("/anything", token(mutualTlsApi.issuer(), KEY_1));
		assertOk(response);
		assertThat(response.body()).contains("\"provider\":\"mutual-tls\"");
	}

	@Test
	void mutualTlsEndpointRefusesBundleWithoutClientKeyAnd401Follows(CapturedOutput output) {
		assertInvalidToken(this.http.get("/anything", token(mutualTlsApi.issuer("/trust-only"), KEY_1)),
				"unable to verify token");
		assertThat(output).contains("'trust-only': fetch failure causes");
	}

	@Test
	void bearerTokenNeverAppearsInLogs(CapturedOutput output) {
		assertOk(this.http.get("/anything", token(protectedApi.issuer(), KEY_1)));
		assertInvalidToken(this.http.get("/anything", token(protectedApi.issuer("/anonymous"), KEY_1)),
				"unable to verify token");
		assertThat(output).contains("Rejected bearer token").doesNotContain(POD_TOKEN).doesNotContain("pod-token-one");
	}

	@Test
	void reloadedSslBundleIsUsedFromTheNextFetch() throws IOException {
		assertInvalidToken(this.http.get("/anything", token(api.issuer("/reloading"), KEY_1)),
				"unable to verify token");
		// replaced atomically, as Kubernetes updates a mounted ConfigMap
		Path next = Files.copy(TestCertificates.tlsFiles().caCertificate(),
				reloadingTrust.resolveSibling("next-ca.crt"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(next, reloadingTrust, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertOk(this.http.get("/anything", token(api.issuer("/reloading"), KEY_1))));
	}

	@Test
	void sslBundleOptionsApplyToTheConnection(CapturedOutput output) {
		// TLS 1.0 is disabled in the JDK: a bundle allowing only TLSv1 cannot connect
		assertInvalidToken(this.http.get("/anything", token(api.issuer("/tls10-only"), KEY_1)),
				"unable to verify token");
		assertThat(output).contains("'tls10-only': fetch failure causes").contains("No appropriate protocol");
	}

}
