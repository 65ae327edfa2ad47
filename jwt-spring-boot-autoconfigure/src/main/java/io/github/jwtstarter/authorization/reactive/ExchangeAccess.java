package io.github.jwtstarter.authorization.reactive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.util.Assert;

/**
 * The access rule the starter applies to an exchange in a chain that includes it, as
 * {@code RequestAccess} on the servlet side: {@code jwt.rbac}
 * ({@link RbacReactiveAuthorizationManager}) first, then each
 * {@code ReactiveAuthorizationManager<AuthorizationContext>} bean of the application, in
 * order; the first denial decides.
 */
public final class ExchangeAccess {

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private ExchangeAccess() {
	}

	/**
	 * Returns the access rule of the given managers.
	 * @param managers the exchange authorization managers, RBAC's among them
	 * @return the rule, or {@code null} when there is nothing to check ({@code jwt.rbac}
	 * without policies and no manager of the application's)
	 */
	public static @Nullable ReactiveAuthorizationManager<AuthorizationContext> of(
			List<ReactiveAuthorizationManager<AuthorizationContext>> managers) {
		Assert.notNull(managers, "managers cannot be null");
		List<ReactiveAuthorizationManager<AuthorizationContext>> ordered = new ArrayList<>();
		for (ReactiveAuthorizationManager<AuthorizationContext> manager : managers) {
			if (!(manager instanceof RbacReactiveAuthorizationManager rbac) || rbac.getRules().isActive()) {
				ordered.add(manager);
			}
		}
		ordered.sort(Comparator.comparing((manager) -> !(manager instanceof RbacReactiveAuthorizationManager)));
		if (ordered.size() <= 1) {
			return ordered.isEmpty() ? null : ordered.get(0);
		}
		List<ReactiveAuthorizationManager<AuthorizationContext>> all = List.copyOf(ordered);
		return (authentication, context) -> Flux.fromIterable(all)
			.concatMap((manager) -> manager.authorize(authentication, context))
			.filter((result) -> !result.isGranted())
			.next()
			.switchIfEmpty(GRANTED);
	}

}
