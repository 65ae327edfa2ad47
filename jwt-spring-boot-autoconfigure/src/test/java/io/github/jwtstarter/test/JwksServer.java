package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A real JWKS and OIDC discovery endpoint on loopback HTTP, with switches to make it
 * misbehave.
 * <ul>
 * <li>{@code GET /jwks.json}: the public parts of the keys set with
 * {@link #setKeys};</li>
 * <li>{@code GET /.well-known/openid-configuration}: {@code issuer} ({@link #issuer()})
 * and {@code jwks_uri} ({@link #jwksUri()}).</li>
 * </ul>
 * The behaviour switches ({@link #failWith}, {@link #respondSlowly}, {@link #redirectTo},
 * {@link #respondWith}, {@link #respondHuge}, {@link #respondTrickling}) apply to every
 * path, like an identity provider outage, until {@link #healthy()}; each replaces the
 * previous one. With {@link #cachingHeaders} the JWK Set is served as an HTTP cache-aware
 * identity provider serves it: {@code Cache-Control: max-age}, an {@code ETag} and a
 * {@code Last-Modified} that change with the keys, and {@code 304 Not Modified} to a
 * request whose {@code If-None-Match} or {@code If-Modified-Since} still matches. Every
 * request to the JWK Set is logged ({@link #requests()}). All methods are thread-safe.
 * <pre class="code">
 * try (JwksServer server = JwksServer.start(key)) {
 * 	String jwksUri = server.jwksUri();
 * }
 * </pre>
 */
public final class JwksServer implements AutoCloseable {

	/** Path of the JWK Set. */
	public static final String JWKS_PATH = "/jwks.json";

	/** Path of the OIDC discovery document. */
	public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	/**
	 * Path prefix of the RFC 8414 authorization server metadata; the issuer's path
	 * follows it.
	 */
	public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

	private static final String LOOPBACK = "127.0.0.1";

	private static final Behaviour HEALTHY = new Behaviour(200, Duration.ZERO, null, null, 0, Duration.ZERO, null);

	private final HttpServer server;

	private final ExecutorService executor;

	private final String uri;

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private final AtomicInteger discoveryRequests = new AtomicInteger();

	private volatile String jwks = TestKeys.toPublicJwkSetJson();

	private volatile @Nullable String discoveryIssuer;

	private volatile @Nullable String metadataIssuerPath;

	private final AtomicInteger metadataRequests = new AtomicInteger();

	private volatile Behaviour behaviour = HEALTHY;

	private volatile @Nullable Caching caching;

	private volatile long keysChangedAt = (System.currentTimeMillis() / 1000) * 1000;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private JwksServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "jwks-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.uri = "http://" + LOOPBACK + ":" + this.server.getAddress().getPort();
	}

	/**
	 * Start a server on a random loopback port.
	 * @param keys the keys to publish (public parts only)
	 * @return the running server
	 */
	public static JwksServer start(JWK... keys) {
		try {
			JwksServer jwksServer = new JwksServer();
			jwksServer.setKeys(keys);
			jwksServer.server.start();
			return jwksServer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the base URL, e.g. {@code http://127.0.0.1:54321}.
	 * @return the base URL, without a trailing slash
	 */
	public String uri() {
		return this.uri;
	}

	public String jwksUri() {
		return this.uri + JWKS_PATH;
	}

	/**
	 * Return the issuer the discovery document advertises: {@link #uri()} unless
	 * overridden with {@link #discoveryIssuer(String)}.
	 * @return the issuer
	 */
	public String issuer() {
		String issuer = this.discoveryIssuer;
		return (issuer != null) ? issuer : this.uri;
	}

	/**
	 * Advertise another issuer in the discovery document, e.g. to test an issuer
	 * mismatch.
	 * @param issuer the issuer; {@code null} restores {@link #uri()}
	 * @return this server
	 */
	public JwksServer discoveryIssuer(@Nullable String issuer) {
		this.discoveryIssuer = issuer;
		return this;
	}

	/**
	 * Serve discovery as an RFC 8414 authorization server whose issuer has a path: the
	 * metadata at {@code /.well-known/oauth-authorization-server<path>}, and no OIDC
	 * discovery document (404), so only a client that follows RFC 8414 section 3.1 finds
	 * the keys.
	 * @param issuerPath the issuer's path, e.g. {@code /tenants/a}
	 * @return this server
	 */
	public JwksServer authorizationServerMetadata(String issuerPath) {
		this.metadataIssuerPath = issuerPath;
		this.discoveryIssuer = this.uri + issuerPath;
		return this;
	}

	/**
	 * Return how many RFC 8414 metadata requests this server received.
	 * @return the count
	 */
	public int metadataRequestCount() {
		return this.metadataRequests.get();
	}

	/**
	 * Replace the published keys; only their public parts are served.
	 * @param keys the keys
	 * @return this server
	 */
	public JwksServer setKeys(JWK... keys) {
		this.jwks = TestKeys.toPublicJwkSetJson(keys);
		// HTTP dates have whole seconds: the next second, so that a change is always seen
		this.keysChangedAt = (System.currentTimeMillis() / 1000 + 1) * 1000;
		return this;
	}

	/**
	 * Serve the JWK Set with HTTP caching headers and answer conditional requests with
	 * {@code 304} while the keys are unchanged.
	 * @param maxAge the {@code max-age} of {@code Cache-Control}, or {@code null} for
	 * none
	 * @param etag whether an {@code ETag} is sent (and {@code If-None-Match} honoured)
	 * @param lastModified whether a {@code Last-Modified} is sent (and
	 * {@code If-Modified-Since} honoured)
	 * @return this server
	 */
	public JwksServer cachingHeaders(@Nullable Duration maxAge, boolean etag, boolean lastModified) {
		this.caching = new Caching(maxAge, etag, lastModified);
		return this;
	}

	/**
	 * Return every request to the JWK Set so far, in order.
	 * @return the requests
	 */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return how many requests reached {@code /jwks.json}, whatever was answered.
	 * @return the count
	 */
	public int requestCount() {
		return this.jwksRequests.get();
	}

	/**
	 * Return how many requests reached the discovery document.
	 * @return the count
	 */
	public int discoveryRequestCount() {
		return this.discoveryRequests.get();
	}

	public JwksServer resetCount() {
		this.jwksRequests.set(0);
		this.discoveryRequests.set(0);
		return this;
	}

	/**
	 * Answer every request with this status and a short plain-text body.
	 * @param status the HTTP status, e.g. 500 or 404
	 * @return this server
	 */
	public JwksServer failWith(int status) {
		this.behaviour = new Behaviour(status, Duration.ZERO, null, null, 0, Duration.ZERO, null);
		return this;
	}

	/**
	 * Answer every request with this status and {@code Retry-After}, as an identity
	 * provider shedding load does ({@code 429}, {@code 503}).
	 * @param status the HTTP status
	 * @param retryAfter the delay, sent in seconds
	 * @return this server
	 */
	public JwksServer failWith(int status, Duration retryAfter) {
		this.behaviour = new Behaviour(status, Duration.ZERO, null, null, 0, Duration.ZERO, retryAfter);
		return this;
	}

	/**
	 * Answer normally, but only after this delay (other requests are not held up).
	 * @param delay the delay
	 * @return this server
	 */
	public JwksServer respondSlowly(Duration delay) {
		this.behaviour = new Behaviour(200, delay, null, null, 0, Duration.ZERO, null);
		return this;
	}

	/**
	 * Answer every request with {@code 302 Found} and this {@code Location}.
	 * @param location the redirect target
	 * @return this server
	 */
	public JwksServer redirectTo(String location) {
		this.behaviour = new Behaviour(302, Duration.ZERO, location, null, 0, Duration.ZERO, null);
		return this;
	}

	/**
	 * Answer every request with {@code 200} and this body as {@code application/json}.
	 * @param body the body, typically not a valid JWK Set
	 * @return this server
	 */
	public JwksServer respondWith(String body) {
		this.behaviour = new Behaviour(200, Duration.ZERO, null, body, 0, Duration.ZERO, null);
		return this;
	}

	/**
	 * Answer {@code /jwks.json} with the real JWK Set padded (in an extra {@code padding}
	 * member) to at least this many bytes, so only a size limit can refuse it. The
	 * response is chunked, without {@code Content-Length}.
	 * @param bytes the minimum size
	 * @return this server
	 */
	public JwksServer respondHuge(int bytes) {
		this.behaviour = new Behaviour(200, Duration.ZERO, null, null, bytes, Duration.ZERO, null);
		return this;
	}

	/**
	 * Answer {@code /jwks.json} with the real JWK Set, but one byte at a time with this
	 * pause between bytes (each pause shorter than a client's read timeout, the whole far
	 * longer), without {@code Content-Length}.
	 * @param pause the pause between two bytes
	 * @return this server
	 */
	public JwksServer respondTrickling(Duration pause) {
		this.behaviour = new Behaviour(200, Duration.ZERO, null, null, 0, pause, null);
		return this;
	}

	/**
	 * Return to normal answers.
	 * @return this server
	 */
	public JwksServer healthy() {
		this.behaviour = HEALTHY;
		return this;
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
			String path = exchange.getRequestURI().getPath();
			Behaviour current = this.behaviour;
			if (JWKS_PATH.equals(path)) {
				this.jwksRequests.incrementAndGet();
				int status = status(exchange, current);
				this.requests.add(new Request(System.currentTimeMillis(), exchange.getRequestURI().getQuery(), status,
						exchange.getRequestHeaders().getFirst("If-None-Match"),
						exchange.getRequestHeaders().getFirst("If-Modified-Since")));
			}
			else if (DISCOVERY_PATH.equals(path)) {
				this.discoveryRequests.incrementAndGet();
			}
			else if (isMetadataPath(path)) {
				this.metadataRequests.incrementAndGet();
			}
			if (!current.delay().isZero()) {
				try {
					Thread.sleep(current.delay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (current.location() != null) {
				exchange.getResponseHeaders().set("Location", current.location());
				exchange.sendResponseHeaders(current.status(), -1);
			}
			else if (current.status() != 200) {
				if (current.retryAfter() != null) {
					exchange.getResponseHeaders().set("Retry-After", String.valueOf(current.retryAfter().toSeconds()));
				}
				send(exchange, current.status(), "text/plain", "failing on purpose");
			}
			else if (current.body() != null) {
				send(exchange, 200, "application/json", current.body());
			}
			else if (JWKS_PATH.equals(path) && !current.trickle().isZero()) {
				sendTrickling(exchange, current.trickle());
			}
			else if (JWKS_PATH.equals(path) && current.hugeBytes() > 0) {
				sendHuge(exchange, current.hugeBytes());
			}
			else if (JWKS_PATH.equals(path) && this.caching != null) {
				sendCached(exchange, this.caching);
			}
			else if (JWKS_PATH.equals(path)) {
				send(exchange, 200, "application/json", this.jwks);
			}
			else if (DISCOVERY_PATH.equals(path) && this.metadataIssuerPath == null) {
				send(exchange, 200, "application/json", discoveryDocument());
			}
			else if (isMetadataPath(path)) {
				send(exchange, 200, "application/json", discoveryDocument());
			}
			else {
				send(exchange, 404, "text/plain", "not found");
			}
		}
		finally {
			exchange.close();
		}
	}

	/** The status the JWK Set request is answered with. */
	private int status(HttpExchange exchange, Behaviour current) {
		Caching caching = this.caching;
		if (current.location() != null || current.status() != 200) {
			return current.status();
		}
		return (caching != null && current.body() == null && notModified(exchange, caching)) ? 304 : 200;
	}

	private boolean notModified(HttpExchange exchange, Caching caching) {
		String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
		if (caching.etag() && ifNoneMatch != null) {
			return ifNoneMatch.equals(etag());
		}
		String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
		if (caching.lastModified() && ifModifiedSince != null) {
			try {
				long since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
					.toInstant()
					.toEpochMilli();
				return this.keysChangedAt <= since;
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}
		return false;
	}

	private String etag() {
		return "\"" + Integer.toHexString(this.jwks.hashCode()) + "\"";
	}

	private void sendCached(HttpExchange exchange, Caching caching) throws IOException {
		if (caching.maxAge() != null) {
			exchange.getResponseHeaders().set("Cache-Control", "public, max-age=" + caching.maxAge().toSeconds());
		}
		if (caching.etag()) {
			exchange.getResponseHeaders().set("ETag", etag());
		}
		if (caching.lastModified()) {
			exchange.getResponseHeaders()
				.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME
					.format(Instant.ofEpochMilli(this.keysChangedAt).atZone(ZoneOffset.UTC)));
		}
		if (notModified(exchange, caching)) {
			exchange.sendResponseHeaders(304, -1);
			return;
		}
		send(exchange, 200, "application/json", this.jwks);
	}

	private boolean isMetadataPath(String path) {
		String issuerPath = this.metadataIssuerPath;
		return issuerPath != null && (METADATA_PATH + issuerPath).equals(path);
	}

	private String discoveryDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer());
		document.put("jwks_uri", jwksUri());
		document.put("subject_types_supported", new String[] { "public" });
		document.put("response_types_supported", new String[] { "code" });
		document.put("id_token_signing_alg_values_supported", new String[] { "RS256", "ES256" });
		return JSONObjectUtils.toJSONString(document);
	}

	private void sendHuge(HttpExchange exchange, int bytes) throws IOException {
		String jwksJson = this.jwks;
		String head = jwksJson.substring(0, jwksJson.lastIndexOf('}')) + ",\"padding\":\"";
		String tail = "\"}";
		int padding = Math.max(0, bytes - head.length() - tail.length());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(head.getBytes(StandardCharsets.UTF_8));
			byte[] chunk = new byte[8192];
			Arrays.fill(chunk, (byte) 'x');
			for (int remaining = padding; remaining > 0; remaining -= chunk.length) {
				out.write(chunk, 0, Math.min(chunk.length, remaining));
			}
			out.write(tail.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// the client gave up reading, which is what a size limit does
		}
	}

	private void sendTrickling(HttpExchange exchange, Duration pause) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (byte b : this.jwks.getBytes(StandardCharsets.UTF_8)) {
				out.write(b);
				out.flush();
				Thread.sleep(pause.toMillis());
			}
		}
		catch (IOException ex) {
			// the client gave up reading, which is what a total timeout does
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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

	private record Behaviour(int status, Duration delay, @Nullable String location, @Nullable String body,
			int hugeBytes, Duration trickle, @Nullable Duration retryAfter) {
	}

	private record Caching(@Nullable Duration maxAge, boolean etag, boolean lastModified) {
	}

	/**
	 * One request to the JWK Set.
	 *
	 * @param at when it arrived, in epoch milliseconds
	 * @param query its query string, e.g. to tell simulated instances apart
	 * @param status the status it was answered with
	 * @param ifNoneMatch its {@code If-None-Match}, or {@code null}
	 * @param ifModifiedSince its {@code If-Modified-Since}, or {@code null}
	 */
	public record Request(long at, @Nullable String query, int status, @Nullable String ifNoneMatch,
			@Nullable String ifModifiedSince) {

		/**
		 * Returns whether the request revalidated a set it had.
		 * @return whether it was conditional
		 */
		public boolean conditional() {
			return this.ifNoneMatch != null || this.ifModifiedSince != null;
		}

	}

}
