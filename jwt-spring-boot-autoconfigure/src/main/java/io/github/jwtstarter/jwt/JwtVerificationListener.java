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

	/**
	 * Called after each verification, with the metric tag of a rejection; by default the
	 * same as {@link #onVerification(JwtProvider, JwtFailure, boolean, long)}. A listener
	 * that counts the checks of the application's own each under its own tag overrides
	 * this.
	 * @param provider the provider selected by the issuer (for a multi-tenant provider,
	 * the tenant's), {@code null} when none was
	 * @param failure why the token was rejected, {@code null} on success
	 * @param reason the rejection's tag ({@link JwtVerificationException#getReason()}),
	 * {@code null} on success
	 * @param cached whether the verified-token cache answered
	 * @param nanos how long verification took
	 */
	default void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, @Nullable String reason,
			boolean cached, long nanos) {
		onVerification(provider, failure, cached, nanos);
	}

}
