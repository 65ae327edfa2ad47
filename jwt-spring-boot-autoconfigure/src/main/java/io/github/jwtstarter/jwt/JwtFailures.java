package io.github.jwtstarter.jwt;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Translates between {@link JwtFailure} reasons and Spring Security's
 * {@link OAuth2Error}s, so that Spring's validators can be composed while every
 * rejection keeps a fixed, generic reason.
 *
 * @author jwt-spring-boot-starter
 */
final class JwtFailures {

	private static final Map<String, JwtFailure> BY_DESCRIPTION = new HashMap<>();

	static {
		for (JwtFailure failure : JwtFailure.values()) {
			BY_DESCRIPTION.put(failure.description(), failure);
		}
	}

	private JwtFailures() {
	}

	static OAuth2Error error(JwtFailure failure) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, failure.description(), null);
	}

	static JwtFailure of(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			JwtFailure failure = BY_DESCRIPTION.get(error.getDescription());
			if (failure != null) {
				return failure;
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

}
