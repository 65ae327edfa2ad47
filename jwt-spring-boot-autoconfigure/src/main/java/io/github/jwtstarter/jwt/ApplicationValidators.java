package io.github.jwtstarter.jwt;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * The checks of the application's own for one provider, run in order after the provider's
 * own checks, stopping at the first failure. A failure, or an exception thrown by a
 * check, is a {@link JwtFailure#CUSTOM} rejection with the generic description of that
 * reason: the check's own description never reaches the client. Its metric tag is the
 * check's error code when that is a simple word of at most {@value #MAX_CODE_LENGTH}
 * characters (letters, digits, {@code _ - .}) other than the generic
 * {@code invalid_token} and {@code invalid_request}, for the first {@value #MAX_CODES}
 * distinct codes; else {@code custom}. So the number of tag values stays bounded whatever
 * a check returns.
 */
final class ApplicationValidators implements OAuth2TokenValidator<Jwt> {

	static final int MAX_CODES = 16;

	static final int MAX_CODE_LENGTH = 40;

	private static final Log logger = LogFactory.getLog(ApplicationValidators.class);

	private static final Set<String> GENERIC_CODES = Set.of(OAuth2ErrorCodes.INVALID_TOKEN,
			OAuth2ErrorCodes.INVALID_REQUEST);

	private final String providerId;

	private final List<OAuth2TokenValidator<Jwt>> validators;

	private final Set<String> codes = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the checks of one provider.
	 * @param providerId the provider's id, for logs
	 * @param validators the checks, in order
	 */
	ApplicationValidators(String providerId, List<OAuth2TokenValidator<Jwt>> validators) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(validators, "validators cannot be null");
		Assert.noNullElements(validators, "validators cannot contain null elements");
		this.providerId = providerId;
		this.validators = List.copyOf(validators);
	}

	boolean isEmpty() {
		return this.validators.isEmpty();
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		for (OAuth2TokenValidator<Jwt> validator : this.validators) {
			OAuth2TokenValidatorResult result;
			try {
				result = validator.validate(jwt);
			}
			catch (RuntimeException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("JWT provider '" + this.providerId + "': check " + validator.getClass().getName()
							+ " threw " + ex.getClass().getName() + "; the token is rejected");
				}
				return failure(JwtFailure.CUSTOM.tag());
			}
			if (result == null || result.hasErrors()) {
				OAuth2Error error = (result != null) ? result.getErrors().iterator().next() : null;
				String reason = reason((error != null) ? error.getErrorCode() : null);
				if (logger.isDebugEnabled()) {
					logger.debug("JWT provider '" + this.providerId + "': check " + validator.getClass().getName()
							+ " failed (" + reason + ")");
				}
				return failure(reason);
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String reason) {
		return OAuth2TokenValidatorResult.failure(JwtFailures.error(JwtFailure.CUSTOM, reason));
	}

	private String reason(@Nullable String code) {
		if (code == null || !isSimple(code) || GENERIC_CODES.contains(code.toLowerCase(Locale.ROOT))) {
			return JwtFailure.CUSTOM.tag();
		}
		if (this.codes.contains(code)) {
			return code;
		}
		synchronized (this.codes) {
			if (this.codes.size() < MAX_CODES) {
				this.codes.add(code);
				return code;
			}
		}
		return this.codes.contains(code) ? code : JwtFailure.CUSTOM.tag();
	}

	private static boolean isSimple(String code) {
		if (code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
			return false;
		}
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
					|| c == '.')) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "ApplicationValidators[" + this.providerId + ", " + this.validators.size() + " checks]";
	}

}
