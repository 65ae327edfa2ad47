package io.github.jwtstarter.jwt;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.util.Assert;

/**
 * A token was rejected for a {@link JwtFailure} reason. The message is the reason's
 * generic description, so it is safe to send to the client.
 */
public class JwtVerificationException extends BadJwtException {

	private final JwtFailure failure;

	public JwtVerificationException(JwtFailure failure) {
		this(failure, null);
	}

	public JwtVerificationException(JwtFailure failure, @org.jspecify.annotations.Nullable Throwable cause) {
		super(failure.description(), cause);
		Assert.notNull(failure, "failure cannot be null");
		this.failure = failure;
	}

	/**
	 * Returns why the token was rejected.
	 * @return the failure reason
	 */
	public JwtFailure getFailure() {
		return this.failure;
	}

}
