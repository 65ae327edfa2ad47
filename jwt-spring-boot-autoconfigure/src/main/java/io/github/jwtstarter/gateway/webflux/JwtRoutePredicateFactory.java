package io.github.jwtstarter.gateway.webflux;

import io.github.jwtstarter.web.reactive.JwtAuthentications;
import java.util.function.Predicate;

import io.github.jwtstarter.routing.JwtCondition;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.web.server.ServerWebExchange;

/**
 * The common part of the JWT route predicate factories: the gateway asks for the
 * asynchronous predicate of {@link JwtGatewayPredicates}, which reads the reactive
 * security context; the synchronous form reads the exchange attribute of the starter's
 * web filter.
 *
 * @param <C> the configuration type
 */
abstract class JwtRoutePredicateFactory<C> extends AbstractRoutePredicateFactory<C> {

	JwtRoutePredicateFactory(Class<C> configClass) {
		super(configClass);
	}

	abstract AsyncPredicate<ServerWebExchange> predicate(C config);

	@Override
	public AsyncPredicate<ServerWebExchange> applyAsync(C config) {
		return predicate(config);
	}

	@Override
	public Predicate<ServerWebExchange> apply(C config) {
		AsyncPredicate<ServerWebExchange> predicate = predicate(config);
		JwtCondition condition = JwtGatewayPredicates.condition(predicate);
		return new GatewayPredicate() {

			@Override
			public boolean test(ServerWebExchange exchange) {
				return condition.test(JwtAuthentications.attribute(exchange));
			}

			@Override
			public String toString() {
				return predicate.toString();
			}

		};
	}

}
