package io.github.jwtstarter.test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * A small certificate authority for TLS tests: EC P-256 keys, a CA certificate, server
 * certificates for loopback ({@code subjectAltName} IP 127.0.0.1) and client
 * certificates, all issued in memory; PEM for Spring Boot's SSL bundles and an
 * {@link SSLContext} for clients.
 * <pre class="code">
 * TestCertificates.Issued ca = TestCertificates.authority("test ca");
 * TestCertificates.Issued server = ca.issue("localhost", true);
 * TestCertificates.Issued client = ca.issue("client a", false);
 * SSLContext tls = client.clientContext(ca);
 * </pre>
 */
public final class TestCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] ECDSA_WITH_SHA256 = TestKeys.Der.sequence(TestKeys.Der.oid(1, 2, 840, 10045, 4, 3, 2));

	private TestCertificates() {
	}

	/**
	 * Creates a self-signed certificate authority.
	 * @param name the CA's common name
	 * @return the CA
	 */
	public static Issued authority(String name) {
		KeyPair keys = keyPair();
		byte[] caConstraint = extension(new int[] { 2, 5, 29, 19 }, true,
				TestKeys.Der.sequence(TestKeys.Der.tlv(0x01, new byte[] { (byte) 0xFF })));
		return new Issued(sign(name, keys, name, keys, caConstraint), keys);
	}

	/**
	 * Returns the RFC 8705 thumbprint of a certificate, the value of
	 * {@code cnf.x5t#S256}: base64url of the SHA-256 of its DER encoding.
	 * @param certificate the certificate
	 * @return the thumbprint
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] extension(int[] oid, boolean critical, byte[] value) {
		return critical
				? TestKeys.Der.sequence(TestKeys.Der.oid(oid), TestKeys.Der.tlv(0x01, new byte[] { (byte) 0xFF }),
						TestKeys.Der.tlv(0x04, value))
				: TestKeys.Der.sequence(TestKeys.Der.oid(oid), TestKeys.Der.tlv(0x04, value));
	}

	private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
			byte @Nullable [] extension) {
		try {
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			byte[] validity = TestKeys.Der.sequence(TestKeys.Der.utcTime(now.minus(1, ChronoUnit.HOURS)),
					TestKeys.Der.utcTime(now.plus(1, ChronoUnit.DAYS)));
			byte[] extensions = (extension != null)
					? TestKeys.Der.explicit(3, TestKeys.Der.sequence(extension)) : new byte[0];
			byte[] tbs = TestKeys.Der.sequence(TestKeys.Der.explicit(0, TestKeys.Der.integer(BigInteger.TWO)),
					TestKeys.Der.integer(new BigInteger(63, RANDOM)), ECDSA_WITH_SHA256, name(issuer), validity,
					name(subject), subjectKeys.getPublic().getEncoded(), extensions);
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(issuerKeys.getPrivate());
			signature.update(tbs);
			byte[] der = TestKeys.Der.sequence(tbs, ECDSA_WITH_SHA256, TestKeys.Der.bitString(signature.sign()));
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] name(String commonName) {
		return TestKeys.Der.sequence(TestKeys.Der
			.set(TestKeys.Der.sequence(TestKeys.Der.oid(2, 5, 4, 3), TestKeys.Der.utf8String(commonName))));
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	/**
	 * A certificate with its key pair.
	 *
	 * @param certificate the certificate
	 * @param keys its key pair
	 */
	public record Issued(X509Certificate certificate, KeyPair keys) {

		/**
		 * Issues a certificate signed by this CA.
		 * @param name the common name
		 * @param loopbackServer whether it names 127.0.0.1 as {@code subjectAltName},
		 * for a server on loopback
		 * @return the certificate with its keys
		 */
		public Issued issue(String name, boolean loopbackServer) {
			KeyPair keys = keyPair();
			byte[] san = loopbackServer ? extension(new int[] { 2, 5, 29, 17 }, false,
					TestKeys.Der.sequence(TestKeys.Der.tlv(0x87, new byte[] { 127, 0, 0, 1 }))) : null;
			String issuer = this.certificate.getSubjectX500Principal().getName().substring("CN=".length());
			return new Issued(sign(name, keys, issuer, this.keys, san), keys);
		}

		/**
		 * Returns the certificate as PEM.
		 * @return the PEM text
		 */
		public String certificatePem() {
			try {
				return pem("CERTIFICATE", this.certificate.getEncoded());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Returns the private key as PKCS#8 PEM.
		 * @return the PEM text
		 */
		public String privateKeyPem() {
			return pem("PRIVATE KEY", this.keys.getPrivate().getEncoded());
		}

		/**
		 * Returns a TLS client context that trusts the given CA and presents this
		 * certificate as client certificate.
		 * @param trusted the CA that issued the server's certificate
		 * @return the context
		 */
		public SSLContext clientContext(Issued trusted) {
			try {
				KeyStore keyStore = KeyStore.getInstance("PKCS12");
				keyStore.load(null, null);
				keyStore.setKeyEntry("client", this.keys.getPrivate(), new char[0],
						new X509Certificate[] { this.certificate, trusted.certificate });
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keyStore, new char[0]);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), trusted.trustManagers(), RANDOM);
				return context;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Returns a TLS client context that trusts this CA and presents no client
		 * certificate.
		 * @return the context
		 */
		public SSLContext trustingContext() {
			try {
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trustManagers(), RANDOM);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private javax.net.ssl.TrustManager[] trustManagers() {
			try {
				KeyStore trustStore = KeyStore.getInstance("PKCS12");
				trustStore.load(null, null);
				trustStore.setCertificateEntry("ca", this.certificate);
				TrustManagerFactory trustManagers = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trustManagers.init(trustStore);
				return trustManagers.getTrustManagers();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
