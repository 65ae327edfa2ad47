package io.github.jwtstarter.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private certificate authority made for the tests, like a Kubernetes cluster CA: a CA
 * certificate ({@link #caCertificate()}, PEM, what a pod finds in
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/ca.crt}), a server certificate for
 * {@code 127.0.0.1} and {@code localhost} signed by it ({@link #serverSslContext()}), and a
 * client certificate with its private key for mutual TLS ({@link #clientCertificate()},
 * {@link #clientPrivateKey()}, PEM). Made once per JVM with the JDK's {@code keytool}
 * (EC P-256), so no extra library is needed; the files live in a temporary directory
 * deleted when the JVM exits. No JVM-wide trust setting is touched: only what is given
 * these files or this context trusts the CA.
 */
public final class TestTlsFiles {

	private static final String PASSWORD = "changeit";

	private final Path directory;

	private TestTlsFiles(Path directory) {
		this.directory = directory;
	}

	/**
	 * Return the certificates of this JVM, made on first use.
	 * @return the certificates
	 */
	public static TestTlsFiles get() {
		return Holder.INSTANCE;
	}

	/**
	 * Return the CA certificate (PEM file).
	 * @return the path of {@code ca.crt}
	 */
	public Path caCertificate() {
		return this.directory.resolve("ca.crt");
	}

	/**
	 * Return the client certificate (PEM file) for mutual TLS.
	 * @return the path of {@code client.crt}
	 */
	public Path clientCertificate() {
		return this.directory.resolve("client.crt");
	}

	/**
	 * Return the client's private key (PKCS#8 PEM file) for mutual TLS.
	 * @return the path of {@code client.key}
	 */
	public Path clientPrivateKey() {
		return this.directory.resolve("client.key");
	}

	/**
	 * Return a TLS context for a server: its key and certificate chain, and the CA as the
	 * only trusted issuer of client certificates.
	 * @return a new server context
	 */
	public SSLContext serverSslContext() {
		try {
			KeyStore source = keyStore(this.directory.resolve("server.p12"));
			PrivateKey key = (PrivateKey) source.getKey("server", PASSWORD.toCharArray());
			List<Certificate> chain = new ArrayList<>(certificates(this.directory.resolve("server.crt")));
			chain.addAll(certificates(caCertificate()));
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("server", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD.toCharArray());
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", certificates(caCertificate()).get(0));
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyStore keyStore(Path file) throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static List<Certificate> certificates(Path pem) throws GeneralSecurityException, IOException {
		return new ArrayList<>(CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
	}

	private static TestTlsFiles generate() {
		try {
			Path directory = Files.createTempDirectory("test-ca");
			directory.toFile().deleteOnExit();
			keytool(directory, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=Test Cluster CA", "-ext", "bc:c", "-validity", "3", "-keystore", "ca.p12");
			keytool(directory, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
			issue(directory, "server", "CN=kubernetes", "san=ip:127.0.0.1,dns:localhost", "serverAuth");
			issue(directory, "client", "CN=system:serviceaccount:default:gateway", null, "clientAuth");
			PrivateKey clientKey = (PrivateKey) keyStore(directory.resolve("client.p12")).getKey("client",
					PASSWORD.toCharArray());
			Files.writeString(directory.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(clientKey.getEncoded())
					+ "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
			try (var files = Files.list(directory)) {
				files.forEach((file) -> file.toFile().deleteOnExit());
			}
			return new TestTlsFiles(directory);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void issue(Path directory, String alias, String subject, String san, String usage)
			throws IOException {
		String store = alias + ".p12";
		keytool(directory, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				subject, "-validity", "3", "-keystore", store);
		keytool(directory, "-certreq", "-alias", alias, "-keystore", store, "-file", alias + ".csr");
		List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile",
				alias + ".csr", "-outfile", alias + ".crt", "-rfc", "-validity", "3", "-ext", "eku=" + usage));
		if (san != null) {
			gencert.addAll(List.of("-ext", san));
		}
		keytool(directory, gencert.toArray(String[]::new));
	}

	private static void keytool(Path directory, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (!"-exportcert".equals(arguments[0])) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static final class Holder {

		static final TestTlsFiles INSTANCE = generate();

	}

}
