package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long one fetched key set is cached: the {@code Cache-Control: max-age} of the
 * response that brought it, bounded below by {@code min-refresh-interval} (at least one
 * second) and above by {@code cache-duration}, or {@code cache-duration} when the
 * response named none; then shortened by a random part of up to a tenth, so that replicas
 * that fetched together do not refresh together.
 */
final class KeySetLifetime {

	private final long longest;

	private final long shortest;

	private volatile @Nullable Duration maxAge;

	/**
	 * Creates the lifetime of a provider's key sets.
	 * @param cacheDuration the longest lifetime
	 * @param minRefreshInterval the shortest lifetime a {@code max-age} can ask for
	 */
	KeySetLifetime(Duration cacheDuration, Duration minRefreshInterval) {
		Assert.notNull(cacheDuration, "cacheDuration cannot be null");
		Assert.notNull(minRefreshInterval, "minRefreshInterval cannot be null");
		this.longest = Math.max(1, cacheDuration.toMillis());
		this.shortest = Math.min(Math.max(minRefreshInterval.toMillis(), 1000), this.longest);
	}

	/**
	 * Records the freshness lifetime of the last response.
	 * @param maxAge its {@code max-age} ({@code 0} for {@code no-cache} or
	 * {@code no-store}), or {@code null} when it named none
	 */
	void maxAge(@Nullable Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * Returns the lifetime of the key set the last response brought, with its jitter.
	 * @return the lifetime in milliseconds, never below one
	 */
	long next() {
		long lifetime = bounded();
		return Math.max(1, lifetime - ThreadLocalRandom.current().nextLong(lifetime / 10 + 1));
	}

	/**
	 * Returns the lifetime of the key set the last response brought, without jitter.
	 * @return the lifetime in milliseconds
	 */
	long bounded() {
		Duration maxAge = this.maxAge;
		if (maxAge == null) {
			return this.longest;
		}
		return Math.min(this.longest, Math.max(this.shortest, maxAge.toMillis()));
	}

	/**
	 * Returns the longest lifetime, {@code cache-duration}.
	 * @return the lifetime in milliseconds
	 */
	long longest() {
		return this.longest;
	}

}
