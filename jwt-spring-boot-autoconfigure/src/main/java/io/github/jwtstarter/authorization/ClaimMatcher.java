package io.github.jwtstarter.authorization;

import java.util.Map;

/**
 * A condition on one claim of a verified token, as used by RBAC principals. Create
 * instances with {@link ClaimMatchers}.
 */
@FunctionalInterface
public interface ClaimMatcher {

	/**
	 * Returns whether the claims satisfy this condition. A missing claim or a claim of
	 * another type never matches.
	 * @param claims the token's claims
	 * @return whether the condition holds
	 */
	boolean matches(Map<String, Object> claims);

}
