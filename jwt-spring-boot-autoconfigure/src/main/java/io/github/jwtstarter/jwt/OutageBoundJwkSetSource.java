package io.github.jwtstarter.jwt;

import java.time.Clock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * Ends the use of fetched keys once {@code outage-tolerance} (or {@code cache-duration},
 * if longer) has passed since the last successful fetch. Nimbus' caching layer re-caches
 * the keys its outage-tolerant layer serves during an outage for a whole
 * {@code cache-duration}, so without this bound the keys would outlive the tolerance by
 * up to that much. Past the bound, a refresh is tried (rate limited below), so
 * verification resumes as soon as the endpoint answers again.
 */
final class OutageBoundJwkSetSource extends JWKSetSourceWrapper<SecurityContext> {

	private final RemoteKeyState state;

	private final Clock clock;

	OutageBoundJwkSetSource(JWKSetSource<SecurityContext> source, RemoteKeyState state, Clock clock) {
		super(source);
		Assert.notNull(state, "state cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.state = state;
		this.clock = clock;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		JWKSet keys = getSource().getJWKSet(refreshEvaluator, currentTime, context);
		if (this.state.usable(this.clock.instant())) {
			return keys;
		}
		// refreshes unless another thread has just done so
		keys = getSource().getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), currentTime, context);
		if (this.state.usable(this.clock.instant())) {
			return keys;
		}
		throw new JWKSetUnavailableException("cached keys are past the outage tolerance");
	}

}
