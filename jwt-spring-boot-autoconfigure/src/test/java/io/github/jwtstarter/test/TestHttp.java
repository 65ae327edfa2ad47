package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP calls to an application on loopback, and assertions on the starter's
 * responses (RFC 6750 challenges, RFC 9457 bodies).
 */
public final class TestHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final int port;

	public TestHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends a request, with {@code Authorization: Bearer <token>} when a token is given.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param token the bearer token, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(15))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
	 * Sends a request with the given headers, e.g. {@code Authorization: DPoP <token>}
	 * and a {@code DPoP} proof.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers the request headers
	 * @return the response
	 */
	public HttpResponse<String> sendWithHeaders(String method, String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
		return "http://127.0.0.1:" + this.port + path;
	}

		public HttpResponse<String> get(String path, @Nullable String token) {
		return send("GET", path, token);
	}

	public HttpResponse<String> get(String path) {
		return send("GET", path, null);
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
	 * Asserts the answer to a rejected token.
	 * @param response the response
	 * @param description the expected error description
	 */
	public static void assertInvalidToken(HttpResponse<String> response, String description) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
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

		private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status);
	}

}
