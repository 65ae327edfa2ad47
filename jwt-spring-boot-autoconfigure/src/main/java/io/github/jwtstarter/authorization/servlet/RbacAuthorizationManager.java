package io.github.jwtstarter.authorization.servlet;

import java.util.function.Supplier;

import io.github.jwtstarter.authorization.RbacRules;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;
import org.springframework.web.cors.CorsUtils;

/**
 * The servlet {@link AuthorizationManager} of {@link RbacRules}. Only the client's
 * request is checked: error, forward, include and async dispatches of an already
 * authorized request pass, and so does a CORS preflight (browsers send no credentials on
 * one; CORS processing answers it, never a handler).
 */
public final class RbacAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private final RbacRules rules;

	/**
	 * Creates the manager.
	 * @param rules the RBAC rules
	 */
	public RbacAuthorizationManager(RbacRules rules) {
		Assert.notNull(rules, "rules cannot be null");
		this.rules = rules;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (!this.rules.isActive() || request.getDispatcherType() != DispatcherType.REQUEST
				|| CorsUtils.isPreFlightRequest(request)) {
			return GRANTED;
		}
		RequestPath path = RequestPath.parse(request.getRequestURI(), request.getContextPath());
		return this.rules.decide(request.getMethod(), path.pathWithinApplication(), authentication);
	}

	public RbacRules getRules() {
		return this.rules;
	}

	@Override
	public String toString() {
		return "RbacAuthorizationManager[" + this.rules + "]";
	}

}
