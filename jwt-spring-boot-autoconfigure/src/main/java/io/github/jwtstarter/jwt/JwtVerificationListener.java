package io.github.jwtstarter.jwt;

import org.jspecify.annotations.Nullable;

/**
 * Told of every verification, for metrics. Called on the request thread; must be quick
 * and must not throw.
 */
@FunctionalInterface
public interface JwtVerificationListener {

	/**
	 * A listener that does nothing.
	 */
	JwtVerificationListener NONE = (provider, failure, cached, nanos) -> {
	};

	/**
	 * Called after each verification.
	 * @param provider the provider selected by the issuer, {@code null} when none was
	 * @param failure why the token was rejected, {@code null} on success
	 * @param cached whether the verified-token cache answered
	 * @param nanos how long verification took
	 */
	void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, boolean cached, long nanos);

}
