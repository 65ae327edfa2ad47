package io.github.jwtstarter.gateway.webflux;

import io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Authentication of an exchange as the starter verified it: from the reactive
 * security context, else from the exchange attribute that the starter's
 * {@link JwtAuthenticationWebFilter} sets. Never the raw request.
 */
final class VerifiedAuthentication {

	private VerifiedAuthentication() {
	}

	static Mono<Authentication> of(ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.switchIfEmpty(Mono.fromSupplier(() -> attribute(exchange)));
	}

	static @Nullable Authentication attribute(ServerWebExchange exchange) {
		Object authentication = exchange.getAttributes().get(JwtAuthenticationWebFilter.AUTHENTICATION_ATTRIBUTE);
		return (authentication instanceof Authentication found) ? found : null;
	}

}
