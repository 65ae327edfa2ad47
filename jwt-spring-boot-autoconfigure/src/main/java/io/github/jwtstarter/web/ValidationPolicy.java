package io.github.jwtstarter.web;

/**
 * What happens to a request without a token or with an invalid one.
 */
public enum ValidationPolicy {

	/**
	 * A valid token is required: a missing or invalid token is rejected with 401.
	 */
	REQUIRE_VALID,

	/**
	 * A missing token continues anonymously; an invalid token is rejected with 401.
	 */
	ALLOW_MISSING,

	/**
	 * A missing or invalid token continues anonymously.
	 */
	ALLOW_MISSING_OR_FAILED

}
