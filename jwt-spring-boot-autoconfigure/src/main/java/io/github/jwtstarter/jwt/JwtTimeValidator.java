package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Checks {@code exp}, {@code nbf} and {@code iat} with clock skew, requires {@code exp}
 * unless told otherwise, rejects an {@code iat} in the future, and bounds the lifetime
 * {@code exp - iat}. Unlike {@code JwtTimestampValidator} it tells which check failed.
 */
final class JwtTimeValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration clockSkew;

	private final boolean requireExpiration;

	private final @Nullable Duration maxLifetime;

	private final Clock clock;

	JwtTimeValidator(Duration clockSkew, boolean requireExpiration, @Nullable Duration maxLifetime, Clock clock) {
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		Assert.isTrue(!clockSkew.isNegative(), "clockSkew cannot be negative");
		Assert.notNull(clock, "clock cannot be null");
		this.clockSkew = clockSkew;
		this.requireExpiration = requireExpiration;
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		JwtFailure failure = check(jwt);
		return (failure != null) ? OAuth2TokenValidatorResult.failure(JwtFailures.error(failure))
				: OAuth2TokenValidatorResult.success();
	}

	/**
	 * Checks the token's times against the current time.
	 * @param jwt the token
	 * @return the failure, or {@code null} when the times are acceptable
	 */
	@Nullable JwtFailure check(Jwt jwt) {
		Instant now = this.clock.instant();
		Instant expiresAt = jwt.getExpiresAt();
		Instant issuedAt = jwt.getIssuedAt();
		if (expiresAt == null && this.requireExpiration) {
			return JwtFailure.MISSING_EXPIRATION;
		}
		if (expiresAt != null && now.minus(this.clockSkew).isAfter(expiresAt)) {
			return JwtFailure.EXPIRED;
		}
		Instant notBefore = jwt.getNotBefore();
		if (notBefore != null && now.plus(this.clockSkew).isBefore(notBefore)) {
			return JwtFailure.NOT_YET_VALID;
		}
		if (issuedAt != null && now.plus(this.clockSkew).isBefore(issuedAt)) {
			return JwtFailure.ISSUED_IN_FUTURE;
		}
		if (this.maxLifetime != null) {
			Instant start = (issuedAt != null) ? issuedAt : notBefore;
			if (expiresAt == null || start == null
					|| Duration.between(start, expiresAt).compareTo(this.maxLifetime) > 0) {
				return JwtFailure.LIFETIME_TOO_LONG;
			}
		}
		return null;
	}

}
