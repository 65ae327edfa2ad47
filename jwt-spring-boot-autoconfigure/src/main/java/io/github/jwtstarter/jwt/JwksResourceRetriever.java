package io.github.jwtstarter.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client for JWK Sets and discovery documents: Spring's {@link RestClient} over
 * the JDK's {@link HttpClient}, built by Spring Boot's
 * {@link ClientHttpRequestFactoryBuilder#jdk()} from the provider's
 * {@link HttpClientSettings} (connect and read timeouts, SSL bundle, redirects never
 * followed), HTTP/1.1, and the JVM's default proxy selector (the {@code https.proxyHost},
 * {@code http.proxyHost}, {@code http.nonProxyHosts} system properties). The rules: http
 * and https only, no redirects followed (a {@code 3xx} is a failed fetch), only a
 * {@code 2xx} body read, a response above the size limit refused (by its
 * {@code Content-Length} before reading, or once the limit is passed while reading), and
 * the whole request (DNS, connect, status line, headers, body) bounded by connect timeout
 * plus read timeout: the fetch runs on its own thread and the caller waits for it at most
 * that long, then interrupts it, so that an endpoint trickling its answer byte by byte,
 * status line included, cannot hold a fetch longer than one that does not answer at all.
 * With an {@link ObservationRegistry}, each request is Spring's
 * {@code http.client.requests} observation, inside the caller's current one.
 * <p>
 * Optionally per provider: the SSL bundle (trust store, and client keys for mutual TLS)
 * for https requests, in place of the JVM's defaults, with host name verification as
 * usual (a reloaded bundle is used from the next request on); and a bearer token read
 * from a file on every request and sent as {@code Authorization: Bearer} over https only,
 * and only to the issuer's origin or the configured JWK Set URL's (a discovered
 * {@code jwks_uri} on another host is fetched without it).
 * <p>
 * A polite client of the identity provider: a response's {@code ETag} and
 * {@code Last-Modified} are sent back as {@code If-None-Match} and
 * {@code If-Modified-Since}, and a {@code 304 Not Modified} gives the body of the
 * response it confirms; each successful response's {@code Cache-Control: max-age} is
 * reported (so the key set is cached that long, within the provider's bounds); a
 * {@code 429} or {@code 503} with {@code Retry-After} fails with a
 * {@link RetryAfterException}, which holds back the next fetch that long.
 */
final class JwksResourceRetriever implements ResourceRetriever {

	private static final Log logger = LogFactory.getLog(JwksResourceRetriever.class);

	private static final int BUFFER_SIZE = 8192;

	private static final String ACCEPT = "application/json, application/jwk-set+json";

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final int sizeLimit;

	private final long totalTimeoutNanos;

	private final @Nullable Supplier<SslBundle> sslBundle;

	private final @Nullable BearerTokenFile bearerToken;

	private final Set<String> bearerOrigins;

	private final Consumer<@Nullable Duration> maxAge;

	private final ObservationRegistry observations;

	/** The last response with validators, by URL, for revalidation. */
	private final Map<String, Validated> validated = new ConcurrentHashMap<>();

	/** The client of the SSL bundle it was built with, rebuilt when the bundle is. */
	private volatile @Nullable Client client;

	/**
	 * Runs each fetch, so that the caller waits at most the total timeout whatever the
	 * fetch blocks on (DNS, connect, status line, headers, body); idle threads end after
	 * a minute.
	 */
	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "jwks-fetch");
		thread.setDaemon(true);
		return thread;
	});

	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize) {
		this(connectTimeout, readTimeout, maxSize, null, null, Set.of(), (maxAge) -> {
		}, ObservationRegistry.NOOP);
	}

	/**
	 * Creates the client of one provider.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param maxSize the largest accepted body
	 * @param sslBundle the SSL bundle of https requests, asked on every request (so a
	 * reloaded bundle takes effect), or {@code null} for the JVM's defaults
	 * @param bearerToken the bearer token file, or {@code null}
	 * @param bearerOrigins the origins ({@link #origin(URL)}) the bearer token is sent to
	 * @param maxAge told the {@code Cache-Control: max-age} of each successful response
	 * ({@code null} when it names none)
	 * @param observations the registry of the {@code http.client.requests} observations
	 */
	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize,
			@Nullable Supplier<SslBundle> sslBundle, @Nullable BearerTokenFile bearerToken, Set<String> bearerOrigins,
			Consumer<@Nullable Duration> maxAge, ObservationRegistry observations) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.sizeLimit = Math.toIntExact(maxSize.toBytes());
		this.totalTimeoutNanos = connectTimeout.plus(readTimeout).toNanos();
		this.sslBundle = sslBundle;
		this.bearerToken = bearerToken;
		this.bearerOrigins = Set.copyOf(bearerOrigins);
		this.maxAge = maxAge;
		this.observations = observations;
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
			logger.debug("Fetching from " + origin(url)
					+ " without the bearer token: not the issuer's origin nor the configured JWK Set URL's");
		}
		URI uri;
		try {
			uri = url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new IOException("not a valid URI", ex);
		}
		String authorization = bearer;
		RestClient restClient = client();
		Observation parent = this.observations.getCurrentObservation();
		long deadline = System.nanoTime() + this.totalTimeoutNanos;
		Future<Resource> fetch = this.executor.submit(() -> fetch(restClient, uri, authorization, parent, deadline));
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
			if (cause instanceof UncheckedIOException unchecked) {
				throw unchecked.getCause();
			}
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime && runtime.getCause() instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IOException(cause);
		}
		finally {
			// unblocks a fetch still waiting on the network (DNS aside: that thread ends
			// on its own)
			fetch.cancel(true);
		}
	}

	private Resource fetch(RestClient restClient, URI uri, @Nullable String authorization, @Nullable Observation parent,
			long deadline) {
		Validated previous = this.validated.get(uri.toString());
		RestClient.RequestHeadersSpec<?> request = restClient.get().uri(uri).headers((headers) -> {
			headers.set(HttpHeaders.ACCEPT, ACCEPT);
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
			if (previous != null) {
				previous.addConditions(headers);
			}
		});
		if (parent == null) {
			return request.exchange((req, response) -> read(uri, response, previous, deadline), true);
		}
		try (Observation.Scope scope = parent.openScope()) {
			return request.exchange((req, response) -> read(uri, response, previous, deadline), true);
		}
	}

	private Resource read(URI uri, ClientHttpResponse response, @Nullable Validated previous, long deadline)
			throws IOException {
		checkDeadline(deadline);
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		if (status == 304 && previous != null) {
			this.maxAge.accept(HttpCaching.maxAge(headers.getCacheControl()));
			return previous.resource();
		}
		if (status == 429 || status == 503) {
			Duration retryAfter = HttpCaching.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER),
					System.currentTimeMillis());
			if (retryAfter != null) {
				throw new RetryAfterException(status, retryAfter);
			}
		}
		if (status < 200 || status > 299) {
			throw new IOException("HTTP " + status);
		}
		long length = headers.getContentLength();
		if (length > this.sizeLimit) {
			throw new IOException("response of " + length + " bytes exceeds the size limit of " + this.sizeLimit);
		}
		MediaType contentType = headers.getContentType();
		Resource resource;
		try (InputStream body = response.getBody()) {
			resource = new Resource(read(body, deadline), (contentType != null) ? contentType.toString() : null);
		}
		String etag = headers.getETag();
		String lastModified = headers.getFirst(HttpHeaders.LAST_MODIFIED);
		if (etag != null || lastModified != null) {
			this.validated.put(uri.toString(), new Validated(etag, lastModified, resource));
		}
		else {
			this.validated.remove(uri.toString());
		}
		this.maxAge.accept(HttpCaching.maxAge(headers.getCacheControl()));
		return resource;
	}

	private String read(InputStream body, long deadline) throws IOException {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		byte[] buffer = new byte[BUFFER_SIZE];
		for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
			if (content.size() + read > this.sizeLimit) {
				throw new IOException("response exceeds the size limit of " + this.sizeLimit + " bytes");
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
	 * Returns the client of the current SSL bundle, built anew when the bundle was
	 * reloaded.
	 */
	private RestClient client() {
		SslBundle bundle = (this.sslBundle != null) ? this.sslBundle.get() : null;
		Client current = this.client;
		if (current == null || current.bundle() != bundle) {
			current = new Client(bundle,
					RestClient.builder()
						.requestFactory(requestFactory(bundle))
						.observationRegistry(this.observations)
						.build());
			this.client = current;
		}
		return current.restClient();
	}

	private ClientHttpRequestFactory requestFactory(@Nullable SslBundle bundle) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withRedirects(HttpRedirects.DONT_FOLLOW)
			.withTimeouts(this.connectTimeout, this.readTimeout)
			.withSslBundle(bundle);
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
			.build(settings);
	}

	/**
	 * Returns the origin of a URL as the bearer token's origins name it:
	 * {@code scheme://host:port}, lower case, with the scheme's default port.
	 * @param url the URL
	 * @return the origin
	 */
	static String origin(URL url) {
		int port = (url.getPort() != -1) ? url.getPort() : url.getDefaultPort();
		return url.getProtocol().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
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

	private record Client(@Nullable SslBundle bundle, RestClient restClient) {
	}

	/**
	 * A response with validators: what a {@code 304} for the same URL stands for.
	 */
	private record Validated(@Nullable String etag, @Nullable String lastModified, Resource resource) {

		void addConditions(HttpHeaders headers) {
			if (this.etag != null) {
				headers.set(HttpHeaders.IF_NONE_MATCH, this.etag);
			}
			if (this.lastModified != null) {
				headers.set(HttpHeaders.IF_MODIFIED_SINCE, this.lastModified);
			}
		}

	}

}
