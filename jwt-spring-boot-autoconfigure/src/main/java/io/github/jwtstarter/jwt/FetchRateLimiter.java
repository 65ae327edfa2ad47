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
 * being unavailable, so the outage-tolerant cache above keeps serving the known keys.
 */
final class FetchRateLimiter extends JWKSetSourceWrapper<SecurityContext> {

	private final long intervalMillis;

	private long nextFetchAllowedAt = Long.MIN_VALUE;

	FetchRateLimiter(JWKSetSource<SecurityContext> source, Duration interval) {
		super(source);
		Assert.isTrue(!interval.isNegative(), "interval cannot be negative");
		this.intervalMillis = interval.toMillis();
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
		return getSource().getJWKSet(refreshEvaluator, currentTime, context);
	}

}
