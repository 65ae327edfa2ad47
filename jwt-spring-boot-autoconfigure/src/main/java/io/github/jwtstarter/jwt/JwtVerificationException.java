package io.github.jwtstarter.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.util.Assert;

/**
 * A token was rejected for a {@link JwtFailure} reason. The message is the reason's
 * generic description, so it is safe to send to the client. When the token's issuer named
 * a provider, the exception tells which (for events and logs, never for the client).
 */
public class JwtVerificationException extends BadJwtException {

	private final JwtFailure failure;

	private final String reason;

	private final @Nullable String providerId;

	private @Nullable String dpopNonce;

	public JwtVerificationException(JwtFailure failure) {
		this(failure, null);
	}

	public JwtVerificationException(JwtFailure failure, @Nullable Throwable cause) {
		this(failure, (failure != null) ? failure.tag() : "", cause);
	}

	/**
	 * Creates an exception whose metric tag is more specific than its failure's, such as
	 * the error code of a check of the application's own ({@link JwtFailure#CUSTOM}).
	 * @param failure the failure reason
	 * @param reason the metric tag, from a bounded set of values
	 * @param cause the cause, or {@code null}
	 */
	public JwtVerificationException(JwtFailure failure, String reason, @Nullable Throwable cause) {
		this(failure, reason, null, cause);
	}

	private JwtVerificationException(JwtFailure failure, String reason, @Nullable String providerId,
			@Nullable Throwable cause) {
		super((failure != null) ? failure.description() : "", cause);
		Assert.notNull(failure, "failure cannot be null");
		Assert.hasText(reason, "reason cannot be empty");
		this.failure = failure;
		this.reason = reason;
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
	 * Returns the metric tag of the rejection: the failure's {@link JwtFailure#tag()}, or
	 * for {@link JwtFailure#CUSTOM} the failed check's own error code when it is a short
	 * simple word (at most a few distinct ones per provider), else {@code custom}.
	 * @return the tag value
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns the id of the provider that the token's issuer named.
	 * @return the provider id, or {@code null} when no provider was selected
	 */
	public @Nullable String getProviderId() {
		return this.providerId;
	}

	/**
	 * Returns the fresh DPoP nonce the client is to retry with
	 * ({@link JwtFailure#USE_DPOP_NONCE}), sent in the {@code DPoP-Nonce} header.
	 * @return the nonce, or {@code null} for none
	 */
	public @Nullable String getDPoPNonce() {
		return this.dpopNonce;
	}

	/**
	 * Returns this rejection with the fresh DPoP nonce the client is to retry with.
	 * @param nonce the nonce
	 * @return this exception
	 */
	JwtVerificationException withDPoPNonce(String nonce) {
		this.dpopNonce = nonce;
		return this;
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
		JwtVerificationException attributed = new JwtVerificationException(this.failure, this.reason, provider.getId(),
				getCause());
		attributed.setStackTrace(getStackTrace());
		attributed.dpopNonce = this.dpopNonce;
		return attributed;
	}

}
