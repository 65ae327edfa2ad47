package io.github.jwtstarter.sample.gateway.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A throwaway identity provider for demo mode: the {@code corp} issuer (people, with an
 * {@code org} claim) and the {@code kube} issuer (Kubernetes service accounts), each with
 * its own RSA key, their JWK Sets served over loopback HTTP, and a token minter. Keys
 * live in memory only and die with the application.
 */
final class DemoIdentityProvider implements AutoCloseable {

	static final String CORP = "corp";

	static final String KUBE = "kube";

	static final String KUBE_ISSUER = "kubernetes/serviceaccount";

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	/**
	 * The audience of the demo tokens, the one both providers require in
	 * {@code application.yml}.
	 */
	static final String AUDIENCE = "sample-gateway";

	private final RSAKey corpKey;

	private final RSAKey kubeKey;

	private final HttpServer server;

	private final ExecutorService executor;

	private DemoIdentityProvider() throws JOSEException, IOException {
		this.corpKey = new RSAKeyGenerator(2048).keyID("corp-1").keyUse(KeyUse.SIGNATURE).generate();
		this.kubeKey = new RSAKeyGenerator(2048).keyID("kube-1").keyUse(KeyUse.SIGNATURE).generate();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "demo-jwks");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		serve(jwksPath(CORP), this.corpKey);
		serve(jwksPath(KUBE), this.kubeKey);
	}

	static DemoIdentityProvider start() {
		try {
			DemoIdentityProvider provider = new DemoIdentityProvider();
			Thread starter = new Thread(provider.server::start, "demo-jwks-start");
			starter.setDaemon(true);
			starter.start();
			starter.join();
			return provider;
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException("Demo mode could not start its identity provider", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the demo identity provider", ex);
		}
	}

	String corpIssuer() {
		return baseUrl() + "/demo/" + CORP;
	}

	/**
	 * Returns the issuer and JWK Set URL of both providers; everything else about them is
	 * in {@code application.yml}.
	 * @return property names and values
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("jwt.providers.corp.issuer", corpIssuer());
		properties.put("jwt.providers.corp.jwks.uri", baseUrl() + jwksPath(CORP));
		properties.put("jwt.providers.kube.issuer", KUBE_ISSUER);
		properties.put("jwt.providers.kube.jwks.uri", baseUrl() + jwksPath(KUBE));
		return properties;
	}

	/**
	 * Mints a {@code corp} token for a person of an organization.
	 */
	String corpToken(String subject, String org) {
		return mint(this.corpKey, new JWTClaimsSet.Builder().issuer(corpIssuer()).subject(subject).claim("org", org));
	}

	/**
	 * Mints a {@code kube} service-account token.
	 */
	String serviceAccountToken(String serviceAccount) {
		return mint(this.kubeKey, new JWTClaimsSet.Builder().issuer(KUBE_ISSUER)
			.subject("system:serviceaccount:default:" + serviceAccount));
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static String mint(RSAKey key, JWTClaimsSet.Builder claims) {
		Instant now = Instant.now();
		claims.audience(AUDIENCE).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)));
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(key.getKeyID())
			.build();
		try {
			SignedJWT jwt = new SignedJWT(header, claims.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Demo mode could not sign a token", ex);
		}
	}

	private void serve(String path, RSAKey key) {
		byte[] body = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
		this.server.createContext(path, (exchange) -> respond(exchange, path, body));
	}

	private static void respond(HttpExchange exchange, String path, byte[] body) throws IOException {
		try (exchange) {
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
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static String jwksPath(String provider) {
		return "/demo/" + provider + "/jwks.json";
	}

}
