package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint like a Kubernetes API server's service-account issuer discovery, on
 * loopback HTTPS with a certificate of the test CA ({@link TestCertificates#tlsFiles()}):
 * <ul>
 * <li>{@code GET <prefix>/.well-known/openid-configuration}: {@code issuer}
 * ({@link #issuer(String)}: the base URL plus the prefix, so one endpoint can stand for
 * several issuers) and {@code jwks_uri} ({@code <issuer>/openid/v1/jwks});</li>
 * <li>{@code GET <prefix>/openid/v1/jwks}: the public parts of the keys set with
 * {@link #setKeys}.</li>
 * </ul>
 * Optionally, like an API server that does not let anonymous callers read these
 * documents, every request needs {@code Authorization: Bearer <token>}
 * ({@link #requireBearerToken}) and is answered 401 otherwise; and with
 * {@link #startMutualTls} the TLS handshake needs a client certificate of the test CA.
 * The discovery document can name a {@code jwks_uri} elsewhere
 * ({@link #jwksUriElsewhere}), like an identity provider serving its keys from another
 * host. Thread-safe.
 */
public final class KubernetesApiServer implements AutoCloseable {

	/** Path of the discovery document, after the issuer's prefix. */
	public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	/** Path of the JWK Set, after the issuer's prefix. */
	public static final String JWKS_PATH = "/openid/v1/jwks";

	private final HttpsServer server;

	private final ExecutorService executor;

	private final String uri;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger unauthorized = new AtomicInteger();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile String jwks = TestKeys.toPublicJwkSetJson();

	private volatile @Nullable String jwksUriElsewhere;

	private volatile @Nullable String requiredToken;

	private KubernetesApiServer(boolean needClientAuth) throws IOException {
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.tlsFiles().serverSslContext()) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
				ssl.setNeedClientAuth(needClientAuth);
				parameters.setSSLParameters(ssl);
			}

		});
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "kubernetes-api-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.uri = "https://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Start a server on a random loopback port.
	 * @param keys the keys to publish (public parts only)
	 * @return the running server
	 */
	public static KubernetesApiServer start(JWK... keys) {
		return start(false, keys);
	}

	/**
	 * Start a server whose TLS handshake needs a client certificate of the test CA.
	 * @param keys the keys to publish (public parts only)
	 * @return the running server
	 */
	public static KubernetesApiServer startMutualTls(JWK... keys) {
		return start(true, keys);
	}

	private static KubernetesApiServer start(boolean needClientAuth, JWK... keys) {
		try {
			KubernetesApiServer server = new KubernetesApiServer(needClientAuth);
			server.setKeys(keys);
			server.server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the issuer of the root prefix, e.g. {@code https://127.0.0.1:54321}.
	 * @return the issuer
	 */
	public String issuer() {
		return this.uri;
	}

	/**
	 * Return the issuer served under a prefix, e.g.
	 * {@code https://127.0.0.1:54321/other}.
	 * @param prefix the prefix, starting with {@code /}
	 * @return the issuer
	 */
	public String issuer(String prefix) {
		return this.uri + prefix;
	}

	/**
	 * Replace the published keys; only their public parts are served.
	 * @param keys the keys
	 * @return this server
	 */
	public KubernetesApiServer setKeys(JWK... keys) {
		this.jwks = TestKeys.toPublicJwkSetJson(keys);
		return this;
	}

	/**
	 * Name this {@code jwks_uri} in every discovery document instead of the server's own.
	 * @param jwksUri the JWK Set URL, e.g. another server's
	 * @return this server
	 */
	public KubernetesApiServer jwksUriElsewhere(@Nullable String jwksUri) {
		this.jwksUriElsewhere = jwksUri;
		return this;
	}

	/**
	 * Answer 401 to every request without {@code Authorization: Bearer <token>}.
	 * @param token the token, or {@code null} to let anyone in
	 * @return this server
	 */
	public KubernetesApiServer requireBearerToken(@Nullable String token) {
		this.requiredToken = token;
		return this;
	}

	/**
	 * Return how many requests were answered, 401s included.
	 * @return the count
	 */
	public int requestCount() {
		return this.requests.get();
	}

	/**
	 * Return how many requests were refused for a missing or wrong bearer token.
	 * @return the count
	 */
	public int unauthorizedCount() {
		return this.unauthorized.get();
	}

	/**
	 * Return the {@code Authorization} header of every request that had one, in order.
	 * @return the header values
	 */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
			this.requests.incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null) {
				this.authorizations.add(authorization);
			}
			String required = this.requiredToken;
			if (required != null && !("Bearer " + required).equals(authorization)) {
				this.unauthorized.incrementAndGet();
				respond(exchange, 401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
						+ "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
				return;
			}
			String path = exchange.getRequestURI().getPath();
			if (path.endsWith(DISCOVERY_PATH)) {
				String issuer = this.uri + path.substring(0, path.length() - DISCOVERY_PATH.length());
				String jwksUri = (this.jwksUriElsewhere != null) ? this.jwksUriElsewhere : issuer + JWKS_PATH;
				respond(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri
						+ "\",\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
						+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
			}
			else if (path.endsWith(JWKS_PATH)) {
				respond(exchange, 200, this.jwks);
			}
			else {
				respond(exchange, 404, "{\"kind\":\"Status\",\"code\":404}");
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
