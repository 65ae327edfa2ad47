package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval, so that a failure every
 * request meets (keys unavailable) is logged, not once per request.
 */
final class WarningRateLimit {

	private final long intervalNanos;

	private final AtomicLong nextAllowed;

	WarningRateLimit(Duration interval) {
		this.intervalNanos = interval.toNanos();
		this.nextAllowed = new AtomicLong(System.nanoTime());
	}

	/**
	 * Return whether the warning may be logged now.
	 * @return {@code true} at most once per interval
	 */
	boolean tryAcquire() {
		long now = System.nanoTime();
		long next = this.nextAllowed.get();
		return now - next >= 0 && this.nextAllowed.compareAndSet(next, now + this.intervalNanos);
	}

}
