package io.github.jwtstarter.web.reactive;

import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.ResolvedToken;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Shapes the exchange the application sees after JWT processing, for example to copy
 * claims into headers or hide the token (through {@link ServerWebExchange#mutate()}).
 * Called for authenticated and anonymous requests alike (requests on disabled routes
 * included), so that client-sent copies of derived headers can be removed. The reactive
 * counterpart of {@code web.servlet.JwtRequestCustomizer}; it runs on the event loop and
 * must not block.
 */
@FunctionalInterface
public interface JwtExchangeCustomizer {

	/**
	 * A customizer that leaves the exchange as it is.
	 */
	JwtExchangeCustomizer NONE = (exchange, verified, token) -> exchange;

	/**
	 * Returns the exchange the application sees.
	 * @param exchange the exchange
	 * @param verified the verified token, {@code null} for an anonymous request
	 * @param token the token found in the request, {@code null} when none was
	 * @return the exchange to pass on
	 */
	ServerWebExchange customize(ServerWebExchange exchange, @Nullable VerifiedJwt verified,
			@Nullable ResolvedToken token);

}
