package io.github.jwtstarter.test;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TestKeys}.
 */
class TestKeysTests {

	@Test
	void toPemWhenRsaKeyThenKeyFactoryReadsTheSamePublicKey() throws Exception {
		RSAKey key = TestKeys.rsa("k1");
		String pem = TestKeys.toPem(key);
		assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
		assertThat(pem.lines().filter((line) -> !line.startsWith("-----"))).allMatch((line) -> line.length() <= 64);
		assertThat(fromPem(pem, "RSA")).isEqualTo(key.toPublicKey());
	}

	@Test
	void toPemWhenEcKeyThenKeyFactoryReadsTheSamePublicKey() throws Exception {
		ECKey key = TestKeys.ec("k1", Curve.P_384);
		assertThat(fromPem(TestKeys.toPem(key), "EC")).isEqualTo(key.toPublicKey());
	}

	@Test
	void selfSignedCertificateWhenRsaKeyThenCertificateCarriesAndVerifiesWithThatKey() throws Exception {
		RSAKey key = TestKeys.rsa("k1");
		X509Certificate certificate = TestKeys.selfSignedCertificate(key);
		certificate.checkValidity();
		certificate.verify(key.toPublicKey());
		assertThat(certificate.getPublicKey()).isEqualTo(key.toPublicKey());
	}

	@Test
	void toPublicJwkSetJsonWhenKeysHavePrivatePartsThenOnlyPublicPartsAreWritten() throws Exception {
		String json = TestKeys.toPublicJwkSetJson(TestKeys.rsa("r"), TestKeys.ec("e", Curve.P_256),
				TestKeys.hmac("h", 32));
		JWKSet set = JWKSet.parse(json);
		assertThat(set.getKeys()).extracting((key) -> key.getKeyID()).containsExactly("r", "e");
		assertThat(set.getKeys()).noneMatch((key) -> key.isPrivate());
	}

	@Test
	void rsaWhenWeakSizeRequestedThenKeyHasThatSize() {
		assertThat(TestKeys.rsa("weak", 1024).size()).isEqualTo(1024);
	}

	private static PublicKey fromPem(String pem, String algorithm) throws Exception {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance(algorithm)
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
