package io.github.jwtstarter.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Certificate authorities for TLS tests, made in memory with the JDK alone: EC P-256
 * keys, a CA certificate, server certificates for loopback ({@code subjectAltName} IP
 * 127.0.0.1 and DNS {@code localhost}) and client certificates; PEM text for Spring
 * Boot's SSL bundles and {@link SSLContext}s for clients and servers. <pre class="code">
 * TestCertificates.Issued ca = TestCertificates.authority("test ca");
 * TestCertificates.Issued server = ca.issue("localhost", true);
 * TestCertificates.Issued client = ca.issue("client a", false);
 * SSLContext tls = client.clientContext(ca);
 * </pre> For properties that take files ({@code spring.ssl.bundle.pem.*} with
 * {@code file:} URLs, a mounted {@code ca.crt}), {@link #tlsFiles()} holds one CA per JVM
 * with a server and a client certificate written as PEM files, like a Kubernetes cluster
 * CA.
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

	/**
	 * Returns this JVM's private CA as files, made on first use: like a Kubernetes
	 * cluster CA, with the CA certificate a pod finds in
	 * {@code /var/run/secrets/kubernetes.io/serviceaccount/ca.crt}.
	 * @return the files
	 */
	public static TlsFiles tlsFiles() {
		return TlsFiles.Holder.INSTANCE;
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
			byte[] extensions = (extension != null) ? TestKeys.Der.explicit(3, TestKeys.Der.sequence(extension))
					: new byte[0];
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
		 * @param loopbackServer whether it names 127.0.0.1 as {@code subjectAltName}, for
		 * a server on loopback
		 * @return the certificate with its keys
		 */
		public Issued issue(String name, boolean loopbackServer) {
			KeyPair keys = keyPair();
			byte[] san = loopbackServer ? extension(new int[] { 2, 5, 29, 17 }, false,
					TestKeys.Der.sequence(TestKeys.Der.tlv(0x87, new byte[] { 127, 0, 0, 1 }),
							TestKeys.Der.tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII))))
					: null;
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
			return keyedContext(trusted);
		}

		/**
		 * Returns a TLS server context that presents this certificate (with its CA) and
		 * trusts client certificates of the given CA.
		 * @param trusted the CA that issued this certificate and the client certificates
		 * @return the context
		 */
		public SSLContext serverContext(Issued trusted) {
			return keyedContext(trusted);
		}

		private SSLContext keyedContext(Issued trusted) {
			try {
				KeyStore keyStore = KeyStore.getInstance("PKCS12");
				keyStore.load(null, null);
				keyStore.setKeyEntry("key", this.keys.getPrivate(), new char[0],
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

	/**
	 * A private CA of this JVM as files, in a temporary directory deleted when the JVM
	 * exits: the CA certificate, a client certificate with its private key for mutual TLS
	 * (PEM), and a server context for {@code 127.0.0.1} and {@code localhost}. No
	 * JVM-wide trust setting is touched: only what is given these files or this context
	 * trusts the CA.
	 */
	public static final class TlsFiles {

		private final Path directory;

		private final Issued ca;

		private final Issued server;

		private TlsFiles(Path directory, Issued ca, Issued server) {
			this.directory = directory;
			this.ca = ca;
			this.server = server;
		}

		/**
		 * Returns the CA certificate (PEM file).
		 * @return the path of {@code ca.crt}
		 */
		public Path caCertificate() {
			return this.directory.resolve("ca.crt");
		}

		/**
		 * Returns the client certificate (PEM file) for mutual TLS.
		 * @return the path of {@code client.crt}
		 */
		public Path clientCertificate() {
			return this.directory.resolve("client.crt");
		}

		/**
		 * Returns the client's private key (PKCS#8 PEM file) for mutual TLS.
		 * @return the path of {@code client.key}
		 */
		public Path clientPrivateKey() {
			return this.directory.resolve("client.key");
		}

		/**
		 * Returns a TLS context for a server: its key and certificate chain, and the CA
		 * as the only trusted issuer of client certificates.
		 * @return a new server context
		 */
		public SSLContext serverSslContext() {
			return this.server.serverContext(this.ca);
		}

		private static TlsFiles create() {
			Issued ca = authority("Test Cluster CA");
			Issued server = ca.issue("kubernetes", true);
			Issued client = ca.issue("system:serviceaccount:default:gateway", false);
			try {
				Path directory = Files.createTempDirectory("test-ca");
				directory.toFile().deleteOnExit();
				write(directory.resolve("ca.crt"), ca.certificatePem());
				write(directory.resolve("client.crt"), client.certificatePem());
				write(directory.resolve("client.key"), client.privateKeyPem());
				return new TlsFiles(directory, ca, server);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static void write(Path file, String pem) throws IOException {
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			file.toFile().deleteOnExit();
		}

		private static final class Holder {

			static final TlsFiles INSTANCE = create();

		}

	}

}
