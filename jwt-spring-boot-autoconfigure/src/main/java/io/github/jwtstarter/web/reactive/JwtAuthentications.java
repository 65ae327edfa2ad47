package io.github.jwtstarter.web.reactive;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one way the reactive stack reads the Authentication of an exchange as the starter
 * verified it: from the reactive security context, else from the exchange attribute that
 * {@link JwtAuthenticationWebFilter} sets (for code that cannot read the Reactor context,
 * such as WebFlux.fn request predicates and gateway route predicates). Never from the raw
 * request.
 */
public final class JwtAuthentications {

	/**
	 * Exchange attribute holding the Authentication of a verified token.
	 */
	public static final String AUTHENTICATION_ATTRIBUTE = "io.github.jwtstarter.authentication";

	private JwtAuthentications() {
	}

	/**
	 * Returns the exchange's Authentication.
	 * @param exchange the exchange
	 * @return the Authentication, empty when there is none
	 */
	public static Mono<Authentication> of(ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.switchIfEmpty(Mono.fromSupplier(() -> attribute(exchange)));
	}

	/**
	 * Returns the Authentication the starter verified, from the exchange attribute only.
	 * @param exchange the exchange
	 * @return the Authentication, or {@code null} when the exchange carried no verified
	 * token
	 */
	public static @Nullable Authentication attribute(ServerWebExchange exchange) {
		return (exchange.getAttributes().get(AUTHENTICATION_ATTRIBUTE) instanceof Authentication found) ? found : null;
	}

}
