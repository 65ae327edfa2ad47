package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP calls to an application on loopback, and assertions on the starter's
 * responses (RFC 6750 challenges, RFC 9457 bodies). Every test that speaks HTTP uses this
 * client: HTTP/1.1, a 5 s connect timeout, no redirects followed, and a 15 s timeout per
 * request. <pre class="code">
 * TestHttp http = new TestHttp(port);
 * assertInvalidToken(http.get("/api/pets", expiredToken), "expired");
 * http.getWithHeaders("/api/pets", "Cookie", "corp_token=" + token);
 * </pre>
 */
public final class TestHttp {

	/**
	 * How long a test waits for one response.
	 */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private static final HttpClient sharedClient = newClient().build();

	private final HttpClient client;

	private final String baseUrl;

	/**
	 * Creates a client of the application on {@code http://127.0.0.1:<port>}.
	 * @param port the application's port
	 */
	public TestHttp(int port) {
		this(sharedClient, "http://127.0.0.1:" + port);
	}

	private TestHttp(HttpClient client, String baseUrl) {
		this.client = client;
		this.baseUrl = baseUrl;
	}

	/**
	 * Creates a client of the server at a base URL, e.g. a loopback JWKS server.
	 * @param baseUrl the scheme, host and port (a path is prepended to every request)
	 * @return the client
	 */
	public static TestHttp to(String baseUrl) {
		return new TestHttp(sharedClient, baseUrl);
	}

	/**
	 * Creates a client of the application on {@code https://127.0.0.1:<port>}.
	 * @param port the application's port
	 * @param client a client built by {@link #newClient()} with the TLS context of the
	 * test (its trust, its client certificate)
	 * @return the client
	 */
	public static TestHttp https(int port, HttpClient client) {
		return new TestHttp(client, "https://127.0.0.1:" + port);
	}

	/**
	 * Returns a builder for a client like this one's (HTTP/1.1, connect timeout, no
	 * redirects), for a test helper that talks to another server.
	 * @return the builder
	 */
	public static HttpClient.Builder newClient() {
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER);
	}

	/**
	 * Sends a request, with {@code Authorization: Bearer <token>} when a token is given.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param token the bearer token, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String token) {
		HttpRequest.Builder request = newRequest(path).method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	/**
	 * Sends a request with the given headers, e.g. {@code Authorization: DPoP <token>}
	 * and a {@code DPoP} proof.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers the request headers
	 * @return the response
	 */
	public HttpResponse<String> sendWithHeaders(String method, String path, Map<String, String> headers) {
		HttpRequest.Builder request = newRequest(path).method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Sends a request with the given headers, repeated names included (two
	 * {@code Authorization} headers).
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> sendWithHeaders(String method, String path, String... headers) {
		return send(withHeaders(newRequest(path).method(method, HttpRequest.BodyPublishers.noBody()), headers).build());
	}

	/**
	 * Sends a {@code GET} with the given headers.
	 * @param path the path and query
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> getWithHeaders(String path, String... headers) {
		return sendWithHeaders("GET", path, headers);
	}

	/**
	 * Sends a {@code GET} with the given headers without waiting for the response, for
	 * concurrent requests.
	 * @param path the path and query
	 * @param headers header names and values, alternating
	 * @return the response, when it arrives
	 */
	public CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
		HttpRequest request = withHeaders(newRequest(path).GET(), headers).build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Starts a request to a path of the application with the request timeout set, for a
	 * request with a body; send it with {@link #send(HttpRequest)}.
	 * @param path the path and query
	 * @return the request builder
	 */
	public HttpRequest.Builder newRequest(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).timeout(REQUEST_TIMEOUT);
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @return the response
	 */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the absolute URL of a path on the application, as a DPoP proof's
	 * {@code htu} names it.
	 * @param path the path and query
	 * @return the URL
	 */
	public String url(String path) {
		return this.baseUrl + path;
	}

	public HttpResponse<String> get(String path, @Nullable String token) {
		return send("GET", path, token);
	}

	public HttpResponse<String> get(String path) {
		return send("GET", path, null);
	}

	private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
		if (headers.length % 2 != 0) {
			throw new IllegalArgumentException("headers must be name and value pairs");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	public static void assertOk(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/**
	 * Asserts the starter's denial: 403, {@code insufficient_scope}, problem+json.
	 * @param response the response
	 */
	public static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"insufficient_scope\", error_description=\"access denied\"");
		assertProblem(response, 403);
	}

	/**
	 * Asserts the starter's denial, and which layer denied: {@code jwt.rbac} or
	 * {@code the application} (its own rules, {@code @PreAuthorize}).
	 * @param response the response
	 * @param layer the layer named in the problem detail
	 */
	public static void assertForbiddenBy(HttpResponse<String> response, String layer) {
		assertForbidden(response);
		assertThat(response.body()).contains("\"detail\":\"access denied by " + layer + "\"");
	}

	/**
	 * Asserts the answer to a request without a token: 401 with a bare {@code Bearer}
	 * challenge.
	 * @param response the response
	 */
	public static void assertTokenRequired(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertProblem(response, 401);
	}

	/**
	 * Asserts the answer to a rejected token: 401, {@code invalid_token} with the
	 * description, which the problem {@code detail} repeats.
	 * @param response the response
	 * @param description the expected error description
	 */
	public static void assertInvalidToken(HttpResponse<String> response, String description) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
		assertProblem(response, 401);
		assertThat(response.body()).contains("\"detail\":\"" + description + "\"");
	}

	/**
	 * Asserts the answer to a rejected token, whatever its description.
	 * @param response the response
	 */
	public static void assertInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
		assertProblem(response, 401);
	}

	/**
	 * Asserts a rejection answered with a {@code DPoP} challenge (RFC 9449 section 7.1).
	 * @param response the response
	 * @param error the expected error code, {@code invalid_token} or
	 * {@code invalid_dpop_proof}
	 * @param description the expected error description
	 */
	public static void assertDPoPChallenge(HttpResponse<String> response, String error, String description) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("DPoP error=\"" + error + "\", error_description=\"" + description
					+ "\", algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"");
		assertProblem(response, 401);
	}

	/**
	 * Asserts the starter's problem body: exactly {@code application/problem+json} (the
	 * starter writes no charset), with the status.
	 */
	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status);
	}

}
