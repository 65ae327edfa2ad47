package io.github.jwtstarter.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * Composes a provider's validators from Spring Security's building blocks: accepted
 * {@code typ} header, exact issuer, at least one accepted audience, required claim
 * values, the {@link JwtTimeValidator}, and for a tenant of a multi-tenant provider its
 * {@code tenant-claim}. Each failure reads as a fixed {@link JwtFailure}; the first
 * failing check in that order is the one reported. The application's own checks
 * ({@link ApplicationValidators}) run only on tokens that pass all of these.
 */
final class ProviderValidators {

	private ProviderValidators() {
	}

	/**
	 * Creates the validators of a provider that accepts any {@code typ}.
	 * @param issuer the exact issuer
	 * @param audiences the accepted audiences; empty means not checked
	 * @param requiredClaims claim paths and the values they must have
	 * @param time the time checks
	 * @return the composed validator
	 */
	static OAuth2TokenValidator<Jwt> create(String issuer, Collection<String> audiences,
			Map<String, Object> requiredClaims, JwtTimeValidator time) {
		return create(List.of(), issuer, audiences, requiredClaims, time);
	}

	/**
	 * Creates the validators of a provider.
	 * @param types the accepted {@code typ} header values, compared case-insensitively (a
	 * token without {@code typ} is accepted); empty means any
	 * @param issuer the exact issuer
	 * @param audiences the accepted audiences; empty means not checked
	 * @param requiredClaims claim paths and the values they must have
	 * @param time the time checks
	 * @return the composed validator
	 */
	static OAuth2TokenValidator<Jwt> create(Collection<String> types, String issuer, Collection<String> audiences,
			Map<String, Object> requiredClaims, JwtTimeValidator time) {
		return create(types, issuer, audiences, requiredClaims, time, null, null);
	}

	/**
	 * Creates the validators of a provider, or of one tenant of a multi-tenant provider.
	 * @param types the accepted {@code typ} header values, compared case-insensitively (a
	 * token without {@code typ} is accepted); empty means any
	 * @param issuer the exact issuer (a tenant's issuer for a multi-tenant provider)
	 * @param audiences the accepted audiences; empty means not checked
	 * @param requiredClaims claim paths and the values they must have
	 * @param time the time checks
	 * @param tenant the tenant and the claim that must equal it, or {@code null}
	 * @param application the application's own checks, or {@code null} for none
	 * @return the composed validator
	 */
	static OAuth2TokenValidator<Jwt> create(Collection<String> types, String issuer, Collection<String> audiences,
			Map<String, Object> requiredClaims, JwtTimeValidator time, @Nullable TenantClaim tenant,
			@Nullable ApplicationValidators application) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		if (!types.isEmpty()) {
			JwtTypeValidator type = new JwtTypeValidator(types);
			type.setAllowEmpty(true);
			validators.add(JwtFailures.as(JwtFailure.BAD_TYPE, type));
		}
		validators.add(time);
		validators.add(JwtFailures.as(JwtFailure.BAD_ISSUER, new JwtIssuerValidator(issuer)));
		if (!audiences.isEmpty()) {
			Set<String> accepted = Set.copyOf(audiences);
			validators
				.add(JwtFailures.as(JwtFailure.BAD_AUDIENCE, new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.stream().anyMatch(accepted::contains))));
		}
		requiredClaims.forEach((name, expected) -> {
			ClaimCondition required = ClaimCondition.typedEquals(name, expected);
			validators.add(JwtFailures.as(JwtFailure.BAD_CLAIM,
					(jwt) -> required.matches(jwt.getClaims()) ? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(JwtFailures.error(JwtFailure.BAD_CLAIM))));
		});
		if (tenant != null) {
			ClaimPath path = ClaimPath.of(tenant.claim());
			validators.add((jwt) -> tenant.tenant().equals(path.resolve(jwt.getClaims()))
					? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(JwtFailures.error(JwtFailure.BAD_TENANT)));
		}
		OAuth2TokenValidator<Jwt> own = new DelegatingOAuth2TokenValidator<>(validators);
		if (application == null || application.isEmpty()) {
			return own;
		}
		// the application's checks see only tokens that passed every check of the
		// provider
		return (jwt) -> {
			OAuth2TokenValidatorResult result = own.validate(jwt);
			return result.hasErrors() ? result : application.validate(jwt);
		};
	}

	/**
	 * The tenant of a multi-tenant provider's token and the claim that must equal it.
	 *
	 * @param claim the claim path, e.g. {@code tid}
	 * @param tenant the tenant taken from the token's issuer
	 */
	record TenantClaim(String claim, String tenant) {

	}

}
