package io.github.jwtstarter.authorization;

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
 * RBAC on claims, with Gloo's semantics, for every web stack: when policies are
 * configured (or {@code require-rbac} is set), a request is allowed only if some
 * policy's permissions cover it and one of that policy's principals matches the caller;
 * otherwise it is denied.
 * <p>
 * Two exceptions: requests on a {@code disabled} route are not checked at all, and a
 * request that no policy covers is allowed on a route whose validation policy accepts
 * requests without a token ({@code allow-missing}, {@code allow-missing-or-failed}),
 * unless {@code require-rbac} is set. The servlet and reactive authorization managers
 * only adapt their request types to {@link #decide}.
 */
public final class RbacRules {

	private static final Log logger = LogFactory.getLog(RbacRules.class);

	private final List<RbacPolicy> policies;

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
		boolean covered = false;
		for (RbacPolicy policy : this.policies) {
			if (policy.covers(method, path)) {
				covered = true;
				if (policy.allows(authentication.get())) {
					debug("allowed by policy '" + policy.getName() + "'");
					return RbacDecision.GRANTED;
				}
			}
		}
		if (!covered && !this.requireRbac && route.getValidationPolicy() != ValidationPolicy.REQUIRE_VALID) {
			debug("allowed: no policy covers the request and its route accepts requests without a token");
			return RbacDecision.GRANTED;
		}
		debug(covered ? "denied: no principal of a covering policy matches" : "denied: no policy covers the request");
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

	private static void debug(String message) {
		if (logger.isDebugEnabled()) {
			logger.debug("RBAC " + message);
		}
	}

	@Override
	public String toString() {
		return "RbacRules[requireRbac=" + this.requireRbac + ", policies=" + this.policies + "]";
	}

}
