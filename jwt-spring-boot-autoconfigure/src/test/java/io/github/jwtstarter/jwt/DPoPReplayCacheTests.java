package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.jwtstarter.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The in-memory DPoP replay store: fair under flood, never forgetting an id early.
 */
class DPoPReplayCacheTests {

	private static final Duration WINDOW = Duration.ofSeconds(80);

	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));

	private DPoPReplayCache cache(long capacity, long quotaPerKey) {
		return new DPoPReplayCache(capacity, quotaPerKey, WINDOW, this.clock);
	}

	@Test
	void firstUseWhenIdSeenBeforeThenRefused() {
		DPoPReplayCache cache = cache(10, 5);
		assertThat(cache.firstUse("alice", "id-1")).isTrue();
		assertThat(cache.firstUse("alice", "id-1")).isFalse();
		assertThat(cache.firstUse("alice", "id-2")).isTrue();
	}

	@Test
	void firstUseWhenClientKeyHoldsItsQuotaThenOnlyItsNewIdsAreRefused() {
		DPoPReplayCache cache = cache(100, 3);
		for (int i = 0; i < 3; i++) {
			assertThat(cache.firstUse("mallory", "m-" + i)).isTrue();
		}
		for (int i = 3; i < 50; i++) {
			assertThat(cache.firstUse("mallory", "m-" + i)).isFalse();
		}
		assertThat(cache.firstUse("alice", "a-1")).isTrue();
		assertThat(cache.firstUse("bob", "b-1")).isTrue();
		assertThat(cache.firstUse("mallory", "m-0")).as("a replay stays refused").isFalse();
	}

	@Test
	void firstUseWhenClientKeysIdsAgeOutThenItGetsItsShareBack() {
		DPoPReplayCache cache = cache(100, 2);
		cache.firstUse("mallory", "m-1");
		cache.firstUse("mallory", "m-2");
		assertThat(cache.firstUse("mallory", "m-3")).isFalse();
		this.clock.advance(cache.retention());
		assertThat(cache.firstUse("mallory", "m-3")).isTrue();
		assertThat(cache.firstUse("mallory", "m-4")).isTrue();
		assertThat(cache.firstUse("mallory", "m-5")).isFalse();
	}

	@Test
	void firstUseWhenTheWholeCapacityIsInUseThenEveryNewIdIsRefusedUntilIdsAgeOut() {
		DPoPReplayCache cache = cache(4, 2);
		assertThat(cache.firstUse("a", "a-1")).isTrue();
		assertThat(cache.firstUse("a", "a-2")).isTrue();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(cache.firstUse("b", "b-1")).isTrue();
		assertThat(cache.firstUse("b", "b-2")).isTrue();
		assertThat(cache.firstUse("c", "c-1")).isFalse();
		assertThat(cache.firstUse("a", "a-1")).as("nothing was evicted to make room").isFalse();
		this.clock.advance(cache.retention().minusSeconds(10));
		assertThat(cache.firstUse("c", "c-1")).isTrue();
		assertThat(cache.firstUse("b", "b-1")).isFalse();
	}

	@Test
	void firstUseWhenIdIsReplayedAtTheLastMomentOfTheWindowThenRefusedAndAfterTheMarginForgotten() {
		DPoPReplayCache cache = cache(10, 5);
		cache.firstUse("alice", "id-1");
		this.clock.advance(WINDOW);
		assertThat(cache.firstUse("alice", "id-1")).isFalse();
		this.clock.advance(DPoPReplayCache.MARGIN.minusMillis(1));
		assertThat(cache.firstUse("alice", "id-1")).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.firstUse("alice", "id-1")).isTrue();
	}

	@Test
	void retentionIsTheWindowAndAMargin() {
		assertThat(cache(10, 5).retention()).isEqualTo(WINDOW.plus(DPoPReplayCache.MARGIN));
		assertThat(DPoPReplayCache.MARGIN).isPositive();
	}

	@Test
	void firstUseWhenOneKeyFloodsFromManyThreadsThenExactlyItsQuotaIsAccepted() throws Exception {
		DPoPReplayCache cache = cache(10_000, 100);
		AtomicInteger accepted = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Void>> floods = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				floods.add(() -> {
					for (int i = 0; i < 500; i++) {
						if (cache.firstUse("mallory", thread + "-" + i)) {
							accepted.incrementAndGet();
						}
					}
					return null;
				});
			}
			for (Future<Void> flood : threads.invokeAll(floods)) {
				flood.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(accepted).hasValue(100);
		assertThat(cache.firstUse("alice", "a-1")).isTrue();
	}

	@Test
	void constructorWhenArgumentsInvalidThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPReplayCache(0, 1, WINDOW, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPReplayCache(10, 0, WINDOW, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPReplayCache(10, 11, WINDOW, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPReplayCache(10, 1, Duration.ZERO, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPReplayCache(10, 1, WINDOW, null));
	}

}
