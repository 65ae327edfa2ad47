package io.github.jwtstarter.jwt;

import java.time.Duration;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * Lets at most one fetch through per interval. Nimbus' own rate limiter lets two through
 * per interval; this one keeps the promise of one. A refused fetch reads as the key set
 * being unavailable, so the outage-tolerant cache above keeps serving the known keys. A
 * fetch answered with {@code Retry-After} ({@code 429}, {@code 503}) holds back the next
 * one that long, at most the longest delay (the provider's {@code cache-duration}, so
 * that a {@code Retry-After} of a day cannot end key refreshes).
 */
final class FetchRateLimiter extends JWKSetSourceWrapper<SecurityContext> {

	private final long intervalMillis;

	private final long longestDelayMillis;

	private long nextFetchAllowedAt = Long.MIN_VALUE;

	FetchRateLimiter(JWKSetSource<SecurityContext> source, Duration interval) {
		this(source, interval, interval);
	}

	FetchRateLimiter(JWKSetSource<SecurityContext> source, Duration interval, Duration longestDelay) {
		super(source);
		Assert.isTrue(!interval.isNegative(), "interval cannot be negative");
		Assert.isTrue(!longestDelay.isNegative(), "longestDelay cannot be negative");
		this.intervalMillis = interval.toMillis();
		this.longestDelayMillis = longestDelay.toMillis();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		synchronized (this) {
			if (currentTime < this.nextFetchAllowedAt) {
				throw new JWKSetUnavailableException("fetch rate limit reached");
			}
			this.nextFetchAllowedAt = currentTime + this.intervalMillis;
		}
		try {
			return getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		catch (KeySourceException | RuntimeException ex) {
			Duration retryAfter = RetryAfterException.of(ex);
			if (retryAfter != null) {
				long delay = Math.min(retryAfter.toMillis(), this.longestDelayMillis);
				synchronized (this) {
					this.nextFetchAllowedAt = Math.max(this.nextFetchAllowedAt, currentTime + delay);
				}
			}
			throw ex;
		}
	}

}
