package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A key-set or discovery request answered {@code 429 Too Many Requests} or
 * {@code 503 Service Unavailable} with a {@code Retry-After}: the
 * {@link FetchRateLimiter} holds back the next fetch that long.
 */
final class RetryAfterException extends IOException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	RetryAfterException(int status, Duration retryAfter) {
		super("HTTP " + status + ", retry after " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns the delay asked for by a failure or one of its causes.
	 * @param failure the failure of a fetch
	 * @return the delay, or {@code null} when the failure was no {@code Retry-After}
	 */
	static @Nullable Duration of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetryAfterException retry) {
				return retry.retryAfter();
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
