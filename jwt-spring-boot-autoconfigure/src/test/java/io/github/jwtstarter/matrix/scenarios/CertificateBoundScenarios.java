package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpClient;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705) over a real TLS connector that asks for client
 * certificates ({@code server.ssl.client-auth: want}) from an SSL bundle: the token bound
 * to client A's certificate is accepted with that certificate only.
 */
class CertificateBoundScenarios extends MatrixScenarios {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final TestCertificates.Issued ca = TestCertificates.authority("matrix ca");

	static final TestCertificates.Issued server = ca.issue("server", true);

	static final TestCertificates.Issued clientA = ca.issue("client a", false);

	static final TestCertificates.Issued clientB = ca.issue("client b", false);

	static final HttpClient withCertificateA = client(clientA.clientContext(ca));

	static final HttpClient withCertificateB = client(clientB.clientContext(ca));

	static final HttpClient withoutCertificate = client(ca.trustingContext());

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(IDP_KEY), "spring.ssl.bundle.pem.server.keystore.certificate",
				server.certificatePem(), "spring.ssl.bundle.pem.server.keystore.private-key", server.privateKeyPem(),
				"spring.ssl.bundle.pem.server.truststore.certificate", ca.certificatePem(), "server.ssl.bundle",
				"server", "server.ssl.client-auth", "want");
	}

	static HttpClient client(SSLContext tls) {
		return TestHttp.newClient().sslContext(tls).build();
	}

	static String boundTo(TestCertificates.Issued client) {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf", Map.of("x5t#S256", TestCertificates.thumbprint(client.certificate())))
			.signWith(IDP_KEY);
	}

	@Test
	void tokenIsAcceptedWithTheCertificateItIsBoundTo() {
		assertOk(application().https(withCertificateA).get("/api/orders", boundTo(clientA)));
		assertThat(received().only().target()).isEqualTo("/api/orders");
	}

	@Test
	void tokenIsRefusedWithAnotherTrustedCertificateOrNone() {
		assertInvalidToken(application().https(withCertificateB).get("/api/orders", boundTo(clientA)),
				"client certificate does not match");
		assertInvalidToken(application().https(withoutCertificate).get("/api/orders", boundTo(clientA)),
				"client certificate does not match");
		received().assertNone();
	}

	@Test
	void unboundTokenIsAcceptedWithoutClientCertificate() {
		String token = TestJwts.issuer("https://corp.example").subject("alice").signWith(IDP_KEY);
		assertOk(application().https(withoutCertificate).get("/api/orders", token));
	}

}
