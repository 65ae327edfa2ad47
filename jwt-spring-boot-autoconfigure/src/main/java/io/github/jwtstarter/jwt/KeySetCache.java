package io.github.jwtstarter.jwt;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.EventListener;

import org.springframework.util.Assert;

/**
 * Nimbus' refresh-ahead cache, caching each fetched set for its own
 * {@link KeySetLifetime} ({@code Cache-Control: max-age} within the provider's bounds,
 * jittered) instead of one fixed time-to-live. Nimbus reads the time-to-live right after
 * each fetch, under the lock that serializes fetches, so it belongs to that fetch.
 * <p>
 * Nimbus refreshes a fixed time ahead of expiry (chosen for {@code cache-duration}); a
 * shorter lifetime keeps a proportional refresh window (a tenth, as for
 * {@code cache-duration}) by handing Nimbus a time-to-live longer by the difference, so
 * that the refresh starts a tenth of the lifetime before it ends rather than at once.
 */
final class KeySetCache extends RefreshAheadCachingJWKSetSource<SecurityContext> {

	private final KeySetLifetime lifetime;

	private final long refreshAhead;

	KeySetCache(JWKSetSource<SecurityContext> source, KeySetLifetime lifetime, long refreshTimeout, long refreshAhead,
			EventListener<CachingJWKSetSource<SecurityContext>, SecurityContext> listener) {
		super(source, lifetime.longest(), refreshTimeout, refreshAhead, false, listener);
		Assert.notNull(lifetime, "lifetime cannot be null");
		this.lifetime = lifetime;
		this.refreshAhead = refreshAhead;
	}

	@Override
	public long getTimeToLive() {
		long lifetime = this.lifetime.next();
		return lifetime + this.refreshAhead - Math.min(this.refreshAhead, lifetime / 10);
	}

}
