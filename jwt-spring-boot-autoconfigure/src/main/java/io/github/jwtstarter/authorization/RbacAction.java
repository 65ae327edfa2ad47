package io.github.jwtstarter.authorization;

/**
 * What an RBAC policy does with the requests it covers and the callers it matches.
 * {@link RbacRules} evaluates every deny policy before any allow policy.
 */
public enum RbacAction {

	/**
	 * The request is allowed (unless a deny policy denied it first).
	 */
	ALLOW,

	/**
	 * The request is denied, whatever the allow policies say.
	 */
	DENY

}
