package io.github.jwtstarter.authorization.reactive;

import java.util.Optional;

import io.github.jwtstarter.authorization.RbacDecision;
import io.github.jwtstarter.authorization.RbacRules;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.util.Assert;
import org.springframework.web.cors.reactive.CorsUtils;

/**
 * The reactive {@link ReactiveAuthorizationManager} of {@link RbacRules}: the same
 * decision as the servlet {@code RbacAuthorizationManager}, taken inline (it needs no
 * I/O).
 */
public final class RbacReactiveAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private final RbacRules rules;

	/**
	 * Creates the manager.
	 * @param rules the RBAC rules
	 */
	public RbacReactiveAuthorizationManager(RbacRules rules) {
		Assert.notNull(rules, "rules cannot be null");
		this.rules = rules;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		ServerHttpRequest request = context.getExchange().getRequest();
		if (!this.rules.isActive() || CorsUtils.isPreFlightRequest(request)) {
			return GRANTED;
		}
		return authentication.map(Optional::of).defaultIfEmpty(Optional.empty()).map((caller) -> {
			RbacDecision decision = this.rules.decide(request.getMethod().name(),
					request.getPath().pathWithinApplication(), () -> caller.orElse(null));
			if (!decision.isGranted()) {
				// WebFlux's AccessDeniedException does not carry the decision
				context.getExchange().getAttributes().put(RbacDecision.DENIED_ATTRIBUTE, decision);
			}
			return decision;
		});
	}

	public RbacRules getRules() {
		return this.rules;
	}

	@Override
	public String toString() {
		return "RbacReactiveAuthorizationManager[" + this.rules + "]";
	}

}
