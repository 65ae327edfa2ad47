package io.github.jwtstarter.gateway.webflux;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtAuthenticated=}: the request carries a token the starter verified.
 *
 * @see JwtGatewayPredicates#jwtAuthenticated()
 */
public final class JwtAuthenticatedRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtAuthenticatedRoutePredicateFactory.Config> {

	public JwtAuthenticatedRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		return JwtGatewayPredicates.jwtAuthenticated();
	}

	/**
	 * {@code JwtAuthenticated} takes no arguments.
	 */
	public static class Config {

	}

}
