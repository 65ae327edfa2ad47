package io.github.jwtstarter.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The HTTP client for JWK Sets and discovery documents: http and https only, no
 * redirects followed, only a {@code 2xx} body read, a response above the size limit
 * refused (by its {@code Content-Length} before reading, or once the limit is passed
 * while reading), and the whole request (DNS, connect, status line, headers, body)
 * bounded by connect timeout plus read timeout: the fetch runs on its own thread and the
 * caller waits for it at most that long, so that an endpoint trickling its answer byte by
 * byte, status line included, cannot hold a fetch longer than one that does not answer at
 * all.
 * <p>
 * Optionally per provider: the TLS socket factory of a Spring Boot SSL bundle (trust
 * store, and client keys for mutual TLS) for https requests, in place of the JVM's
 * defaults, with host name verification as usual; and a bearer token read from a file on
 * every request and sent as {@code Authorization: Bearer} over https only, and only to
 * the issuer's origin or the configured JWK Set URL's (a discovered {@code jwks_uri} on
 * another host is fetched without it).
 * <p>
 * A polite client of the identity provider: a response's {@code ETag} and
 * {@code Last-Modified} are sent back as {@code If-None-Match} and
 * {@code If-Modified-Since}, and a {@code 304 Not Modified} gives the body of the
 * response it confirms; each successful response's {@code Cache-Control: max-age} is
 * reported (so the key set is cached that long, within the provider's bounds); a
 * {@code 429} or {@code 503} with {@code Retry-After} fails with a
 * {@link RetryAfterException}, which holds back the next fetch that long.
 */
final class JwksResourceRetriever extends DefaultResourceRetriever {

	private static final Log logger = LogFactory.getLog(JwksResourceRetriever.class);

	private static final int BUFFER_SIZE = 8192;

	private final long totalTimeoutNanos;

	private final @Nullable Supplier<SSLSocketFactory> sslSocketFactory;

	private final @Nullable BearerTokenFile bearerToken;

	private final Set<String> bearerOrigins;

	private final Consumer<@Nullable Duration> maxAge;

	/** The last response with validators, by URL, for revalidation. */
	private final Map<String, Validated> validated = new ConcurrentHashMap<>();

	/**
	 * Runs each fetch, so that the caller waits at most the total timeout whatever the
	 * fetch blocks on (DNS, connect, status line, headers, body); idle threads end after a
	 * minute.
	 */
	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "jwks-fetch");
		thread.setDaemon(true);
		return thread;
	});

	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize) {
		this(connectTimeout, readTimeout, maxSize, null, null, Set.of(), (maxAge) -> {
		});
	}

	/**
	 * Creates the client of one provider.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param maxSize the largest accepted body
	 * @param sslSocketFactory the TLS socket factory of https requests, or {@code null}
	 * @param bearerToken the bearer token file, or {@code null}
	 * @param bearerOrigins the origins ({@link #origin(URL)}) the bearer token is sent to
	 * @param maxAge told the {@code Cache-Control: max-age} of each successful response
	 * ({@code null} when it names none)
	 */
	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize,
			@Nullable Supplier<SSLSocketFactory> sslSocketFactory, @Nullable BearerTokenFile bearerToken,
			Set<String> bearerOrigins, Consumer<@Nullable Duration> maxAge) {
		super(Math.toIntExact(connectTimeout.toMillis()), Math.toIntExact(readTimeout.toMillis()),
				Math.toIntExact(maxSize.toBytes()));
		this.totalTimeoutNanos = connectTimeout.plus(readTimeout).toNanos();
		this.sslSocketFactory = sslSocketFactory;
		this.bearerToken = bearerToken;
		this.bearerOrigins = Set.copyOf(bearerOrigins);
		this.maxAge = maxAge;
		setHeaders(Map.of("Accept", List.of("application/json, application/jwk-set+json")));
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		String protocol = url.getProtocol();
		if (!"https".equals(protocol) && !"http".equals(protocol)) {
			throw new IOException("only http and https key sources are fetched");
		}
		String bearer = null;
		if (this.bearerToken != null && this.bearerOrigins.contains(origin(url))) {
			if (!"https".equals(protocol)) {
				throw new IOException("the bearer token is sent over https only");
			}
			bearer = "Bearer " + this.bearerToken.read();
		}
		else if (this.bearerToken != null && logger.isDebugEnabled()) {
			logger.debug("Fetching " + origin(url) + " without the bearer token: not the issuer's origin "
					+ "nor the configured JWK Set URL's");
		}
		String authorization = bearer;
		long deadline = System.nanoTime() + this.totalTimeoutNanos;
		AtomicReference<@Nullable HttpURLConnection> connection = new AtomicReference<>();
		Future<Resource> fetch = this.executor.submit(() -> fetch(url, authorization, connection, deadline));
		try {
			return fetch.get(this.totalTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new SocketTimeoutException("response not complete within connect and read timeouts");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while fetching keys");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IOException(cause);
		}
		finally {
			// unblocks a fetch still waiting on the network (DNS aside: that thread ends on its own)
			fetch.cancel(true);
			HttpURLConnection open = connection.get();
			if (open != null) {
				open.disconnect();
			}
		}
	}

	private Resource fetch(URL url, @Nullable String authorization,
			AtomicReference<@Nullable HttpURLConnection> opened, long deadline) throws IOException {
		HttpURLConnection connection = openHTTPConnection(url);
		opened.set(connection);
		try {
			connection.setConnectTimeout(getConnectTimeout());
			connection.setReadTimeout(getReadTimeout());
			getHeaders().forEach((name, values) -> values.forEach((value) -> connection.addRequestProperty(name, value)));
			if (authorization != null) {
				connection.setRequestProperty("Authorization", authorization);
			}
			Validated previous = this.validated.get(url.toString());
			if (previous != null) {
				previous.addConditions(connection);
			}
			int status = connection.getResponseCode();
			checkDeadline(deadline);
			if (status == HttpURLConnection.HTTP_NOT_MODIFIED && previous != null) {
				this.maxAge.accept(HttpCaching.maxAge(connection.getHeaderField("Cache-Control")));
				return previous.resource();
			}
			if ((status == 429 || status == HttpURLConnection.HTTP_UNAVAILABLE)) {
				Duration retryAfter = HttpCaching.retryAfter(connection.getHeaderField("Retry-After"),
						System.currentTimeMillis());
				if (retryAfter != null) {
					throw new RetryAfterException(status, retryAfter);
				}
			}
			if (status < 200 || status > 299) {
				throw new IOException("HTTP " + status);
			}
			long length = connection.getContentLengthLong();
			if (length > getSizeLimit()) {
				throw new IOException("response of " + length + " bytes exceeds the size limit of " + getSizeLimit());
			}
			Resource resource;
			try (InputStream body = connection.getInputStream()) {
				resource = new Resource(read(body, deadline), connection.getContentType());
			}
			String etag = connection.getHeaderField("ETag");
			String lastModified = connection.getHeaderField("Last-Modified");
			if (etag != null || lastModified != null) {
				this.validated.put(url.toString(), new Validated(etag, lastModified, resource));
			}
			else {
				this.validated.remove(url.toString());
			}
			this.maxAge.accept(HttpCaching.maxAge(connection.getHeaderField("Cache-Control")));
			return resource;
		}
		finally {
			connection.disconnect();
		}
	}

	private String read(InputStream body, long deadline) throws IOException {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		byte[] buffer = new byte[BUFFER_SIZE];
		for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
			if (content.size() + read > getSizeLimit()) {
				throw new IOException("response exceeds the size limit of " + getSizeLimit() + " bytes");
			}
			checkDeadline(deadline);
			content.write(buffer, 0, read);
		}
		return content.toString(StandardCharsets.UTF_8);
	}

	private static void checkDeadline(long deadline) throws SocketTimeoutException {
		if (System.nanoTime() - deadline > 0) {
			throw new SocketTimeoutException("response not complete within connect and read timeouts");
		}
	}

	/**
	 * Returns the origin of a URL as the bearer token's origins name it:
	 * {@code scheme://host:port}, lower case, with the scheme's default port.
	 * @param url the URL
	 * @return the origin
	 */
	static String origin(URL url) {
		int port = (url.getPort() != -1) ? url.getPort() : url.getDefaultPort();
		return url.getProtocol().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":"
				+ port;
	}

	/**
	 * Returns the origins a provider's bearer token may be sent to: the issuer's, and the
	 * configured JWK Set URL's.
	 * @param issuer the issuer
	 * @param jwkSetUrl the configured JWK Set URL, or {@code null} for discovery
	 * @return the origins
	 */
	static Set<String> bearerOrigins(String issuer, @Nullable URL jwkSetUrl) {
		Set<String> origins = new HashSet<>();
		try {
			origins.add(origin(URI.create(issuer).toURL()));
		}
		catch (IOException | RuntimeException ex) {
			// not a URL: no discovery from it, so no token sent to it
		}
		if (jwkSetUrl != null) {
			origins.add(origin(jwkSetUrl));
		}
		return origins;
	}

	@Override
	protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
		HttpURLConnection connection = super.openHTTPConnection(url);
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		if (this.sslSocketFactory != null && connection instanceof HttpsURLConnection https) {
			https.setSSLSocketFactory(this.sslSocketFactory.get());
		}
		return connection;
	}

	/**
	 * A response with validators: what a {@code 304} for the same URL stands for.
	 */
	private record Validated(@Nullable String etag, @Nullable String lastModified, Resource resource) {

		void addConditions(HttpURLConnection connection) {
			if (this.etag != null) {
				connection.setRequestProperty("If-None-Match", this.etag);
			}
			if (this.lastModified != null) {
				connection.setRequestProperty("If-Modified-Since", this.lastModified);
			}
		}

	}

}
