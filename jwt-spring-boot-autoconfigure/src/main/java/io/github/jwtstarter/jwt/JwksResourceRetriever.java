package io.github.jwtstarter.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
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
 * every request and sent as {@code Authorization: Bearer} over https only.
 */
final class JwksResourceRetriever extends DefaultResourceRetriever {

	private static final int BUFFER_SIZE = 8192;

	private final long totalTimeoutNanos;

	private final @Nullable Supplier<SSLSocketFactory> sslSocketFactory;

	private final @Nullable BearerTokenFile bearerToken;

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
		this(connectTimeout, readTimeout, maxSize, null, null);
	}

	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize,
			@Nullable Supplier<SSLSocketFactory> sslSocketFactory, @Nullable BearerTokenFile bearerToken) {
		super(Math.toIntExact(connectTimeout.toMillis()), Math.toIntExact(readTimeout.toMillis()),
				Math.toIntExact(maxSize.toBytes()));
		this.totalTimeoutNanos = connectTimeout.plus(readTimeout).toNanos();
		this.sslSocketFactory = sslSocketFactory;
		this.bearerToken = bearerToken;
		setHeaders(Map.of("Accept", List.of("application/json, application/jwk-set+json")));
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		String protocol = url.getProtocol();
		if (!"https".equals(protocol) && !"http".equals(protocol)) {
			throw new IOException("only http and https key sources are fetched");
		}
		String bearer = null;
		if (this.bearerToken != null) {
			if (!"https".equals(protocol)) {
				throw new IOException("the bearer token is sent over https only");
			}
			bearer = "Bearer " + this.bearerToken.read();
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
			int status = connection.getResponseCode();
			checkDeadline(deadline);
			if (status < 200 || status > 299) {
				throw new IOException("HTTP " + status);
			}
			long length = connection.getContentLengthLong();
			if (length > getSizeLimit()) {
				throw new IOException("response of " + length + " bytes exceeds the size limit of " + getSizeLimit());
			}
			try (InputStream body = connection.getInputStream()) {
				return new Resource(read(body, deadline), connection.getContentType());
			}
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

}
