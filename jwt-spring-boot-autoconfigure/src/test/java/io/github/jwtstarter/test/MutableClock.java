package io.github.jwtstarter.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it, for time checks that should not
 * wait for real time to pass. <pre class="code">
 * MutableClock clock = new MutableClock(Instant.now());
 * clock.advance(Duration.ofMinutes(10));
 * </pre>
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/**
	 * Create a clock showing the given time.
	 * @param now the time
	 */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
