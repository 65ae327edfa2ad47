package io.github.jwtstarter.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * RBAC on claims for every web stack, with Gloo's allow policies and Istio's deny
 * policies. When policies are configured (or {@code require-rbac} is set), a request is
 * decided in this order, the first step that decides wins:
 * <ol>
 * <li>on a {@code disabled} route: allowed, not checked at all;</li>
 * <li>a deny policy covers it and applies to the caller: denied;</li>
 * <li>an allow policy covers it and one of its principals matches the caller:
 * allowed;</li>
 * <li>no allow policy covers it, {@code require-rbac} is not set, and its route accepts
 * requests without a token ({@code allow-missing}, {@code allow-missing-or-failed}):
 * allowed;</li>
 * <li>otherwise: denied.</li>
 * </ol>
 * The order of the policies does not matter. The servlet and reactive authorization
 * managers only adapt their request types to {@link #decide}; the debug log names the
 * policy that decided.
 */
public final class RbacRules {

	private static final Log logger = LogFactory.getLog(RbacRules.class);

	private final List<RbacPolicy> policies;

	private final List<RbacPolicy> denyPolicies;

	private final List<RbacPolicy> allowPolicies;

	private final boolean requireRbac;

	private final JwtRoutes routes;

	/**
	 * Creates the rules.
	 * @param policies the policies, compiled
	 * @param requireRbac whether a request no policy covers is denied everywhere, and
	 * every request is denied when there is no policy
	 * @param routes the routes, for {@code disabled} and the validation policy
	 */
	public RbacRules(List<RbacPolicy> policies, boolean requireRbac, JwtRoutes routes) {
		Assert.notNull(policies, "policies cannot be null");
		Assert.noNullElements(policies, "policies cannot contain null elements");
		Assert.notNull(routes, "routes cannot be null");
		this.policies = List.copyOf(policies);
		this.denyPolicies = this.policies.stream().filter((policy) -> policy.getAction() == RbacAction.DENY).toList();
		this.allowPolicies = this.policies.stream().filter((policy) -> policy.getAction() == RbacAction.ALLOW).toList();
		this.requireRbac = requireRbac;
		this.routes = routes;
	}

	/**
	 * Decides a request.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @param authentication the caller
	 * @return the decision
	 */
	public RbacDecision decide(String method, PathContainer path,
			Supplier<? extends @Nullable Authentication> authentication) {
		if (!isActive()) {
			return RbacDecision.GRANTED;
		}
		JwtRoute route = this.routes.match(method, path);
		if (route.isDisabled()) {
			return RbacDecision.GRANTED;
		}
		for (RbacPolicy policy : this.denyPolicies) {
			if (policy.covers(method, path) && policy.appliesTo(authentication.get())) {
				debug(() -> "denied by deny policy '" + policy.getName() + "'");
				return RbacDecision.DENIED;
			}
		}
		List<String> covering = null;
		for (RbacPolicy policy : this.allowPolicies) {
			if (policy.covers(method, path)) {
				if (policy.allows(authentication.get())) {
					debug(() -> "allowed by policy '" + policy.getName() + "'");
					return RbacDecision.GRANTED;
				}
				covering = (covering != null) ? covering : new ArrayList<>();
				covering.add(policy.getName());
			}
		}
		if (covering == null && !this.requireRbac && route.getValidationPolicy() != ValidationPolicy.REQUIRE_VALID) {
			debug(() -> "allowed: no allow policy covers the request and its route accepts requests without a token");
			return RbacDecision.GRANTED;
		}
		List<String> names = covering;
		debug(() -> (names != null) ? "denied: no principal of the covering policies " + names + " matches"
				: "denied: no allow policy covers the request");
		return RbacDecision.DENIED;
	}

	/**
	 * Returns whether RBAC applies: policies are configured, or {@code require-rbac} is
	 * set.
	 * @return whether requests are checked
	 */
	public boolean isActive() {
		return !this.policies.isEmpty() || this.requireRbac;
	}

	public List<RbacPolicy> getPolicies() {
		return this.policies;
	}

	private static void debug(Supplier<String> message) {
		if (logger.isDebugEnabled()) {
			logger.debug("RBAC " + message.get());
		}
	}

	@Override
	public String toString() {
		return "RbacRules[requireRbac=" + this.requireRbac + ", policies=" + this.policies + "]";
	}

}
