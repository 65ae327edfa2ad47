package io.github.jwtstarter.sample.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A throwaway identity provider for demo mode: two issuers ({@code corp} with an RSA and
 * an EC key, {@code partner} with an RSA key), their JWK Sets served over loopback HTTP,
 * and a token minter. Keys live in memory only and die with the application.
 */
final class DemoIdentityProvider implements AutoCloseable {

	static final String CORP = "corp";

	static final String PARTNER = "partner";

	static final String AUDIENCE = "pets-api";

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(DemoIdentityProvider.class);

	private final RSAKey corpRsa;

	private final ECKey corpEc;

	private final RSAKey partnerRsa;

	private final HttpServer server;

	private final ExecutorService executor;

	private DemoIdentityProvider() throws JOSEException, IOException {
		this.corpRsa = new RSAKeyGenerator(2048).keyID("corp-rsa-1").keyUse(KeyUse.SIGNATURE).generate();
		this.corpEc = new ECKeyGenerator(Curve.P_256).keyID("corp-ec-1").keyUse(KeyUse.SIGNATURE).generate();
		this.partnerRsa = new RSAKeyGenerator(2048).keyID("partner-rsa-1").keyUse(KeyUse.SIGNATURE).generate();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "demo-jwks");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		serve(jwksPath(CORP), this.corpRsa, this.corpEc);
		serve(jwksPath(PARTNER), this.partnerRsa);
	}

	/**
	 * Generate the keys and start serving them.
	 * @return the running identity provider
	 */
	static DemoIdentityProvider start() {
		try {
			DemoIdentityProvider provider = new DemoIdentityProvider();
			provider.startServer();
			logger.info("Demo mode: serving JWK Sets for issuers " + provider.issuer(CORP) + " and "
					+ provider.issuer(PARTNER));
			return provider;
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException("Demo mode could not start its identity provider", ex);
		}
	}

	String issuer(String tenant) {
		return baseUrl() + "/demo/" + tenant;
	}

	/**
	 * Return the {@code jwt.providers.*} properties for both issuers.
	 * @return property names and values
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String tenant : List.of(CORP, PARTNER)) {
			String prefix = "jwt.providers." + tenant + ".";
			properties.put(prefix + "issuer", issuer(tenant));
			properties.put(prefix + "audiences[0]", AUDIENCE);
			properties.put(prefix + "jwks.uri", baseUrl() + jwksPath(tenant));
		}
		return properties;
	}

	/**
	 * Mint a token of the {@code corp} issuer signed with its RSA key (RS256).
	 */
	String corpToken(String subject, String scope) {
		return mint(CORP, this.corpRsa, JWSAlgorithm.RS256, subject, scope, "corp.example");
	}

	/**
	 * Mint a token of the {@code corp} issuer signed with its EC key (ES256).
	 */
	String corpEcToken(String subject, String scope) {
		return mint(CORP, this.corpEc, JWSAlgorithm.ES256, subject, scope, "corp.example");
	}

	/**
	 * Mint a token of the {@code corp} issuer (RS256) whose {@code org} claim is
	 * {@code solo.io}: the canary guide routes it to the canary build.
	 */
	String soloToken(String subject, String scope) {
		return mint(CORP, this.corpRsa, JWSAlgorithm.RS256, subject, scope, "solo.io");
	}

	/**
	 * Mint a token of the {@code partner} issuer signed with its RSA key (RS256).
	 */
	String partnerToken(String subject, String scope) {
		return mint(PARTNER, this.partnerRsa, JWSAlgorithm.RS256, subject, scope, "partner.example");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		logger.debug("Demo mode: identity provider stopped");
	}

	private String mint(String tenant, JWK key, JWSAlgorithm algorithm, String subject, String scope, String org) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer(tenant))
			.subject(subject)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
			.claim("scope", scope)
			.claim("org", org)
			.build();
		JWSHeader header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Demo mode could not sign a token", ex);
		}
	}

	private static JWSSigner signer(JWK key) throws JOSEException {
		return (key instanceof ECKey ecKey) ? new ECDSASigner(ecKey) : new RSASSASigner(key.toRSAKey());
	}

	private void serve(String path, JWK... keys) {
		byte[] body = new JWKSet(List.of(keys)).toString(true).getBytes(StandardCharsets.UTF_8);
		this.server.createContext(path, (exchange) -> respond(exchange, path, body));
	}

	private static void respond(HttpExchange exchange, String path, byte[] body) throws IOException {
		try {
			if (!path.equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		finally {
			exchange.close();
		}
	}

	/**
	 * Start the server from a daemon thread: the JDK server's dispatcher thread inherits
	 * that, so it cannot keep the JVM alive if the application fails to start before the
	 * context closes it.
	 */
	private void startServer() {
		Thread starter = new Thread(this.server::start, "demo-jwks-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the demo identity provider", ex);
		}
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static String jwksPath(String tenant) {
		return "/demo/" + tenant + "/jwks.json";
	}

}
