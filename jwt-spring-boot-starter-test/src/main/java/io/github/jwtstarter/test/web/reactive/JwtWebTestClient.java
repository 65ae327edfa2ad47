package io.github.jwtstarter.test.web.reactive;

import java.net.URI;

import io.github.jwtstarter.test.tokens.JwtTestToken;
import io.github.jwtstarter.test.tokens.JwtTestTokenBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * WebTestClient support, for servlet and reactive applications alike: a configurer that
 * sends a test token where its provider reads it.
 *
 * <pre class="code">
 * client.mutateWith(withJwt(tokens.provider("corp")))
 *     .get().uri("/api/pets")
 *     .exchange()
 *     .expectStatus().isOk();
 * </pre>
 */
public final class JwtWebTestClient {

	private JwtWebTestClient() {
	}

	/**
	 * Returns a configurer that puts the token in its provider's header (with its
	 * prefix), query parameter or cookie of every request.
	 * @param token the token
	 * @return the configurer
	 */
	public static WebTestClientConfigurer withJwt(JwtTestToken token) {
		Assert.notNull(token, "token cannot be null");
		return new JwtConfigurer(token);
	}

	/**
	 * Returns a configurer that puts the built token where its provider reads it.
	 * @param token the token builder
	 * @return the configurer
	 */
	public static WebTestClientConfigurer withJwt(JwtTestTokenBuilder token) {
		Assert.notNull(token, "token cannot be null");
		return withJwt(token.build());
	}

	private static ClientRequest place(JwtTestToken token, ClientRequest request) {
		JwtTestToken.Placement placement = token.placement();
		String value = placement.valueOf(token.value());
		return switch (placement.kind()) {
			case HEADER ->
				ClientRequest.from(request).headers((headers) -> headers.add(placement.name(), value)).build();
			case COOKIE -> ClientRequest.from(request).cookie(placement.name(), value).build();
			case QUERY_PARAM -> {
				URI uri = UriComponentsBuilder.fromUri(request.url())
					.queryParam(placement.name(), value)
					.build(true)
					.toUri();
				yield ClientRequest.from(request).url(uri).build();
			}
		};
	}

	private record JwtConfigurer(JwtTestToken token) implements WebTestClientConfigurer {

		@Override
		public void afterConfigurerAdded(WebTestClient.Builder builder,
				@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
			builder.filter((request, next) -> next.exchange(place(this.token, request)));
		}

	}

}
