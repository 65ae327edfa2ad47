package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.jwtstarter.test.MutableClock;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OutageBoundJwkSetSource}: cached keys that Nimbus would keep serving
 * stop at the outage tolerance, measured from the last successful fetch.
 */
class OutageBoundJwkSetSourceTests {

	private static final Duration USABLE_FOR = Duration.ofMinutes(10);

	private final Instant lastSuccess = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(this.lastSuccess);

	private final RemoteKeyState state = new RemoteKeyState(USABLE_FOR);

	private final JWKSet cached = new JWKSet(TestKeys.rsa("k1").toPublicJWK());

	private final List<JWKSetCacheRefreshEvaluator> requests = new ArrayList<>();

	@Test
	void constructorWhenStateNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutageBoundJwkSetSource(stale(), null, this.clock))
			.withMessage("state cannot be null");
	}

	@Test
	void constructorWhenClockNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutageBoundJwkSetSource(stale(), this.state, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void cachedKeysAreServedUntilTheToleranceHasPassedSinceTheLastSuccessfulFetch() throws Exception {
		this.state.onFetch(new JwksFetchEvent("corp", true, this.cached, 0, this.lastSuccess));
		OutageBoundJwkSetSource source = new OutageBoundJwkSetSource(stale(), this.state, this.clock);
		this.clock.advance(USABLE_FOR);
		assertThat(source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null)).isSameAs(this.cached);
		assertThat(this.requests).hasSize(1);
		this.clock.advance(Duration.ofMillis(1));
		assertThatExceptionOfType(JWKSetUnavailableException.class)
			.isThrownBy(() -> source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null));
		assertThat(this.requests).as("a refresh was tried").hasSize(3);
		assertThat(this.requests.get(2).requiresRefresh(this.cached)).isTrue();
	}

	@Test
	void keysPastTheToleranceAreUsedAgainOnceARefreshSucceeds() throws Exception {
		this.state.onFetch(new JwksFetchEvent("corp", true, this.cached, 0, this.lastSuccess));
		JWKSet fresh = new JWKSet(TestKeys.rsa("k2").toPublicJWK());
		JWKSetSource<SecurityContext> recovering = new StubSource((refreshEvaluator) -> {
			if (!refreshEvaluator.requiresRefresh(this.cached)) {
				return this.cached;
			}
			this.state.onFetch(new JwksFetchEvent("corp", true, fresh, 0, this.clock.instant()));
			return fresh;
		});
		OutageBoundJwkSetSource source = new OutageBoundJwkSetSource(recovering, this.state, this.clock);
		this.clock.advance(USABLE_FOR.plusSeconds(1));
		assertThat(source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null)).isSameAs(fresh);
	}

	@Test
	void noSuccessfulFetchMeansNoUsableKeys() {
		OutageBoundJwkSetSource source = new OutageBoundJwkSetSource(stale(), this.state, this.clock);
		assertThatExceptionOfType(JWKSetUnavailableException.class)
			.isThrownBy(() -> source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null));
	}

	private JWKSetSource<SecurityContext> stale() {
		return new StubSource((refreshEvaluator) -> {
			this.requests.add(refreshEvaluator);
			return this.cached;
		});
	}

	private record StubSource(
			Function<JWKSetCacheRefreshEvaluator, JWKSet> answer) implements JWKSetSource<SecurityContext> {

		@Override
		public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
				SecurityContext context) {
			return this.answer.apply(refreshEvaluator);
		}

		@Override
		public void close() {
		}

	}

}
