package io.github.jwtstarter.authorization;

import java.util.Map;

/**
 * A condition on one claim of a verified token, as used by RBAC principals. Create
 * instances with {@link ClaimMatchers}, which share the comparisons of
 * {@link io.github.jwtstarter.jwt.ClaimComparison} with every other claim check.
 */
@FunctionalInterface
public interface ClaimMatcher {

	/**
	 * Returns whether the claims satisfy this condition. A missing claim never matches.
	 * @param claims the token's claims
	 * @return whether the condition holds
	 */
	boolean matches(Map<String, Object> claims);

}
