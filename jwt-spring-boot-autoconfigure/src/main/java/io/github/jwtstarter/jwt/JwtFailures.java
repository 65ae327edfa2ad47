package io.github.jwtstarter.jwt;

import java.util.Collection;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Translates between {@link JwtFailure} reasons and Spring Security's
 * {@link OAuth2Error}s, so that Spring's validators can be composed while every
 * rejection keeps a fixed, generic reason.
 */
final class JwtFailures {

	private JwtFailures() {
	}

	static OAuth2Error error(JwtFailure failure) {
		return new FailureError(failure);
	}

	static JwtFailure of(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (error instanceof FailureError typed) {
				return typed.failure;
			}
		}
		return JwtFailure.INVALID;
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

		FailureError(JwtFailure failure) {
			super(OAuth2ErrorCodes.INVALID_TOKEN, failure.description(), null);
			this.failure = failure;
		}

	}

}
