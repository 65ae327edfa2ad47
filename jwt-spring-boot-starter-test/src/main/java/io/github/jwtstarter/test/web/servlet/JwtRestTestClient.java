package io.github.jwtstarter.test.web.servlet;

import java.net.URI;

import io.github.jwtstarter.test.tokens.JwtTestToken;
import io.github.jwtstarter.test.tokens.JwtTestTokenBuilder;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * RestTestClient (and RestClient) support: an interceptor that sends a test token where
 * its provider reads it.
 *
 * <pre class="code">
 * client.mutate().requestInterceptor(withJwt(tokens.provider("corp"))).build()
 *     .get().uri("/api/pets")
 *     .exchange()
 *     .expectStatus().isOk();
 * </pre>
 */
public final class JwtRestTestClient {

	private JwtRestTestClient() {
	}

	/**
	 * Returns an interceptor that puts the token in its provider's header (with its
	 * prefix), query parameter or cookie of every request.
	 * @param token the token
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor withJwt(JwtTestToken token) {
		Assert.notNull(token, "token cannot be null");
		JwtTestToken.Placement placement = token.placement();
		String value = placement.valueOf(token.value());
		return (request, body, execution) -> switch (placement.kind()) {
			case HEADER -> {
				request.getHeaders().add(placement.name(), value);
				yield execution.execute(request, body);
			}
			case COOKIE -> {
				String cookies = request.getHeaders().getFirst(HttpHeaders.COOKIE);
				String cookie = placement.name() + "=" + value;
				request.getHeaders().set(HttpHeaders.COOKIE, (cookies != null) ? cookies + "; " + cookie : cookie);
				yield execution.execute(request, body);
			}
			case QUERY_PARAM -> execution.execute(withQueryParam(request, placement.name(), value), body);
		};
	}

	/**
	 * Returns an interceptor that puts the built token where its provider reads it.
	 * @param token the token builder
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor withJwt(JwtTestTokenBuilder token) {
		Assert.notNull(token, "token cannot be null");
		return withJwt(token.build());
	}

	private static HttpRequest withQueryParam(HttpRequest request, String name, String value) {
		URI uri = UriComponentsBuilder.fromUri(request.getURI()).queryParam(name, value).build(true).toUri();
		return new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

		};
	}

}
