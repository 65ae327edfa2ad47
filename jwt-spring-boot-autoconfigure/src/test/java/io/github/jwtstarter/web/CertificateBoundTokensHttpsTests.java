package io.github.jwtstarter.web;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705) over a real TLS connector that asks for client
 * certificates ({@code server.ssl.client-auth: want}) from an SSL bundle: a CA, a server
 * certificate for loopback and two client certificates, all issued by the test. The token
 * is bound to client A's certificate.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CertificateBoundTokensHttpsTests {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final TestCertificates.Issued ca = TestCertificates.authority("test ca");

	static final TestCertificates.Issued server = ca.issue("server", true);

	static final TestCertificates.Issued clientA = ca.issue("client a", false);

	static final TestCertificates.Issued clientB = ca.issue("client b", false);

	static final HttpClient withCertificateA = client(clientA.clientContext(ca));

	static final HttpClient withCertificateB = client(clientB.clientContext(ca));

	static final HttpClient withoutCertificate = client(ca.trustingContext());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(IDP_KEY));
		registry.add("spring.ssl.bundle.pem.server.keystore.certificate", server::certificatePem);
		registry.add("spring.ssl.bundle.pem.server.keystore.private-key", server::privateKeyPem);
		registry.add("spring.ssl.bundle.pem.server.truststore.certificate", ca::certificatePem);
		registry.add("server.ssl.bundle", () -> "server");
		registry.add("server.ssl.client-auth", () -> "want");
	}

	static String boundTo(TestCertificates.Issued client) {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf", Map.of("x5t#S256", TestCertificates.thumbprint(client.certificate())))
			.signWith(IDP_KEY);
	}

	static HttpClient client(SSLContext tls) {
		return TestHttp.newClient().sslContext(tls).build();
	}

	HttpResponse<String> get(HttpClient client, String authorization, @Nullable String proof) {
		TestHttp https = TestHttp.https(this.port, client);
		return (proof != null) ? https.getWithHeaders("/api/orders", "Authorization", authorization, "DPoP", proof)
				: https.getWithHeaders("/api/orders", "Authorization", authorization);
	}

	String url() {
		return "https://127.0.0.1:" + this.port + "/api/orders";
	}

	@Test
	void tokenIsAcceptedWithTheCertificateItIsBoundTo() {
		HttpResponse<String> response = get(withCertificateA, "Bearer " + boundTo(clientA), null);
		assertOk(response);
		assertThat(response.body()).contains("\"authenticated\":true", "\"name\":\"alice\"");
	}

	@Test
	void tokenIsRejectedWithAnotherTrustedCertificate() {
		assertInvalidToken(get(withCertificateB, "Bearer " + boundTo(clientA), null),
				"client certificate does not match");
	}

	@Test
	void tokenIsRejectedWithoutClientCertificate() {
		assertInvalidToken(get(withoutCertificate, "Bearer " + boundTo(clientA), null),
				"client certificate does not match");
	}

	@Test
	void unboundTokenIsAcceptedWithoutClientCertificate() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(IDP_KEY);
		assertOk(get(withoutCertificate, "Bearer " + token, null));
	}

	@Test
	void tokenBoundToCertificateAndDPoPKeyNeedsBoth() {
		DPoPProofs dpop = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));
		String token = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf",
					Map.of("x5t#S256", TestCertificates.thumbprint(clientA.certificate()), "jkt", dpop.thumbprint()))
			.signWith(IDP_KEY);
		assertOk(get(withCertificateA, "DPoP " + token, dpop.proof("GET", url(), token).sign()));
		assertDPoPChallenge(get(withCertificateB, "DPoP " + token, dpop.proof("GET", url(), token).sign()),
				"invalid_token", "client certificate does not match");
	}

}
