package io.github.jwtstarter.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.util.Assert;

/**
 * A token was rejected for a {@link JwtFailure} reason. The message is the reason's
 * generic description, so it is safe to send to the client. When the token's issuer
 * named a provider, the exception tells which (for events and logs, never for the
 * client).
 */
public class JwtVerificationException extends BadJwtException {

	private final JwtFailure failure;

	private final @Nullable String providerId;

	public JwtVerificationException(JwtFailure failure) {
		this(failure, null);
	}

	public JwtVerificationException(JwtFailure failure, @Nullable Throwable cause) {
		this(failure, null, cause);
	}

	private JwtVerificationException(JwtFailure failure, @Nullable String providerId, @Nullable Throwable cause) {
		super(failure.description(), cause);
		Assert.notNull(failure, "failure cannot be null");
		this.failure = failure;
		this.providerId = providerId;
	}

	/**
	 * Returns why the token was rejected.
	 * @return the failure reason
	 */
	public JwtFailure getFailure() {
		return this.failure;
	}

	/**
	 * Returns the id of the provider that the token's issuer named.
	 * @return the provider id, or {@code null} when no provider was selected
	 */
	public @Nullable String getProviderId() {
		return this.providerId;
	}

	/**
	 * Returns this rejection attributed to a provider.
	 * @param provider the provider the token's issuer named, or {@code null}
	 * @return the exception to throw
	 */
	JwtVerificationException of(@Nullable JwtProvider provider) {
		if (provider == null || provider.getId().equals(this.providerId)) {
			return this;
		}
		JwtVerificationException attributed = new JwtVerificationException(this.failure, provider.getId(),
				getCause());
		attributed.setStackTrace(getStackTrace());
		return attributed;
	}

}
