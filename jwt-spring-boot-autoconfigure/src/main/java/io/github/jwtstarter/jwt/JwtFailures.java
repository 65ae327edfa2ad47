package io.github.jwtstarter.jwt;

import java.util.Collection;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Translates between {@link JwtFailure} reasons and Spring Security's
 * {@link OAuth2Error}s, so that Spring's validators can be composed while every rejection
 * keeps a fixed, generic reason.
 */
final class JwtFailures {

	private JwtFailures() {
	}

	static OAuth2Error error(JwtFailure failure) {
		return new FailureError(failure, failure.tag());
	}

	/**
	 * An error whose metric tag is more specific than its failure's.
	 * @param failure the reason
	 * @param reason the metric tag
	 * @return the error
	 */
	static OAuth2Error error(JwtFailure failure, String reason) {
		return new FailureError(failure, reason);
	}

	/**
	 * The rejection that a validator's errors stand for: the first reason among them,
	 * else {@link JwtFailure#INVALID}.
	 * @param errors the errors
	 * @return the exception to throw
	 */
	static JwtVerificationException exception(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (error instanceof FailureError typed) {
				return new JwtVerificationException(typed.failure, typed.reason, null);
			}
		}
		return new JwtVerificationException(JwtFailure.INVALID);
	}

	/**
	 * Wraps a validator so that its failures read as the given reason.
	 * @param failure the reason
	 * @param validator the validator
	 * @return the wrapping validator
	 */
	static OAuth2TokenValidator<Jwt> as(JwtFailure failure, OAuth2TokenValidator<Jwt> validator) {
		return (jwt) -> validator.validate(jwt).hasErrors() ? OAuth2TokenValidatorResult.failure(error(failure))
				: OAuth2TokenValidatorResult.success();
	}

	/**
	 * An {@code invalid_token} error that carries its reason, so that the reason is never
	 * looked up by description text.
	 */
	private static final class FailureError extends OAuth2Error {

		private static final long serialVersionUID = 1L;

		private final JwtFailure failure;

		private final String reason;

		FailureError(JwtFailure failure, String reason) {
			super(OAuth2ErrorCodes.INVALID_TOKEN, failure.description(), null);
			this.failure = failure;
			this.reason = reason;
		}

	}

}
