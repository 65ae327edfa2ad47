package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real multi-tenant identity provider on loopback HTTP, shaped like Keycloak: one realm
 * per tenant, each with its own keys.
 * <ul>
 * <li>{@code GET /realms/{realm}/.well-known/openid-configuration}: {@code issuer}
 * {@link #issuer(String)} and {@code jwks_uri} {@link #jwksUri(String)};</li>
 * <li>{@code GET /realms/{realm}/protocol/openid-connect/certs}: the public parts of the
 * realm's keys.</li>
 * </ul>
 * Every request is counted, per realm and in total, whatever was answered; a realm that
 * was not added, and any other path, is {@code 404}. All methods are thread-safe.
 * <pre class="code">
 * try (RealmsServer realms = RealmsServer.start().realm("acme", acmeKey).realm("globex", globexKey)) {
 * 	String issuerTemplate = realms.issuerTemplate(); // http://127.0.0.1:54321/realms/{tenant}
 * }
 * </pre>
 */
public final class RealmsServer implements AutoCloseable {

	private static final String REALMS = "/realms/";

	private static final String DISCOVERY = "/.well-known/openid-configuration";

	private static final String CERTS = "/protocol/openid-connect/certs";

	private final HttpServer server;

	private final ExecutorService executor;

	private final String uri;

	private final Map<String, String> jwks = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger discoveries = new AtomicInteger();

	private RealmsServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "realms-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.uri = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Starts a server with no realm on a random loopback port.
	 * @return the running server
	 */
	public static RealmsServer start() {
		try {
			RealmsServer realms = new RealmsServer();
			realms.server.start();
			return realms;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Adds a realm, or replaces its keys.
	 * @param realm the realm (tenant) name
	 * @param keys its keys; only their public parts are served
	 * @return this server
	 */
	public RealmsServer realm(String realm, JWK... keys) {
		this.jwks.put(realm, TestKeys.toPublicJwkSetJson(keys));
		return this;
	}

	/**
	 * Returns the issuer with the {@code {tenant}} placeholder in place of the realm.
	 * @return e.g. {@code http://127.0.0.1:54321/realms/{tenant}}
	 */
	public String issuerTemplate() {
		return this.uri + REALMS + "{tenant}";
	}

	/**
	 * Returns the JWK Set URL with the {@code {tenant}} placeholder in place of the
	 * realm.
	 * @return e.g.
	 * {@code http://127.0.0.1:54321/realms/{tenant}/protocol/openid-connect/certs}
	 */
	public String jwksUriTemplate() {
		return issuerTemplate() + CERTS;
	}

	/**
	 * Returns the issuer of a realm.
	 * @param realm the realm
	 * @return e.g. {@code http://127.0.0.1:54321/realms/acme}
	 */
	public String issuer(String realm) {
		return this.uri + REALMS + realm;
	}

	/**
	 * Returns the JWK Set URL of a realm.
	 * @param realm the realm
	 * @return the URL
	 */
	public String jwksUri(String realm) {
		return issuer(realm) + CERTS;
	}

	/**
	 * Returns how many requests named a realm (discovery and keys), whatever was
	 * answered.
	 * @param realm the realm
	 * @return the count
	 */
	public int requestCount(String realm) {
		AtomicInteger count = this.requests.get(realm);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Returns how many requests asked for a discovery document, of any realm.
	 * @return the count
	 */
	public int discoveryRequestCount() {
		return this.discoveries.get();
	}

	/**
	 * Returns how many requests reached the server, on any path.
	 * @return the count
	 */
	public int requestCount() {
		return this.total.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			this.total.incrementAndGet();
			String path = exchange.getRequestURI().getPath();
			String realm = null;
			String rest = "";
			if (path.startsWith(REALMS)) {
				int end = path.indexOf('/', REALMS.length());
				realm = path.substring(REALMS.length(), (end < 0) ? path.length() : end);
				rest = (end < 0) ? "" : path.substring(end);
				this.requests.computeIfAbsent(realm, (key) -> new AtomicInteger()).incrementAndGet();
			}
			if (DISCOVERY.equals(rest)) {
				this.discoveries.incrementAndGet();
			}
			String keys = (realm != null) ? this.jwks.get(realm) : null;
			if (keys == null) {
				send(exchange, 404, "text/plain", "no such realm");
			}
			else if (DISCOVERY.equals(rest)) {
				Map<String, Object> document = new LinkedHashMap<>();
				document.put("issuer", issuer(realm));
				document.put("jwks_uri", jwksUri(realm));
				document.put("subject_types_supported", new String[] { "public" });
				document.put("response_types_supported", new String[] { "code" });
				document.put("id_token_signing_alg_values_supported", new String[] { "RS256", "ES256" });
				send(exchange, 200, "application/json", JSONObjectUtils.toJSONString(document));
			}
			else if (CERTS.equals(rest)) {
				send(exchange, 200, "application/json", keys);
			}
			else {
				send(exchange, 404, "text/plain", "not found");
			}
		}
		finally {
			exchange.close();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
