package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The in-memory DPoP replay store of one provider, fair under flood: it remembers the id
 * of every accepted proof for as long as a proof carrying it could still pass the
 * {@code iat} check (plus a margin), and never forgets one early. Its capacity is shared,
 * but no client key ({@code cnf.jkt}) may hold more than its quota of it at a time: a
 * client over its quota has its new proofs refused until its own ids age out, while other
 * clients go on. When the whole capacity is in use (many clients at their quota), every
 * new proof is refused: evicting a remembered id would let that proof be replayed.
 * <p>
 * It also runs in front of a shared store ({@code replay-store: redis}): a replay to this
 * instance is caught without a network call, and each instance bounds how much of the
 * shared store one client can fill.
 */
final class DPoPReplayCache {

	/**
	 * How long an id is remembered beyond the last moment a proof carrying it could pass
	 * the {@code iat} check: so that it never expires at the very millisecond the proof
	 * could still pass, and so that the clocks of replicas sharing a store may differ a
	 * little.
	 */
	static final Duration MARGIN = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(DPoPReplayCache.class);

	private final long capacity;

	private final long quotaPerKey;

	private final Duration retention;

	private final Cache<String, String> seen;

	private final ConcurrentHashMap<String, Long> heldByKey = new ConcurrentHashMap<>();

	private final AtomicLong held = new AtomicLong();

	private final WarningRateLimit fullWarnings;

	private final WarningRateLimit quotaWarnings;

	/**
	 * Creates a cache.
	 * @param capacity the most proof ids remembered
	 * @param quotaPerKey the most proof ids one client key may have remembered at a time
	 * @param window the longest time a proof can pass the {@code iat} check after it was
	 * first seen: the proof max age plus twice the clock skew
	 * @param clock the clock
	 */
	DPoPReplayCache(long capacity, long quotaPerKey, Duration window, Clock clock) {
		Assert.isTrue(capacity > 0, "capacity must be positive");
		Assert.isTrue(quotaPerKey > 0 && quotaPerKey <= capacity, "quotaPerKey must be positive and at most capacity");
		Assert.isTrue(window != null && !window.isNegative() && !window.isZero(), "window must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.capacity = capacity;
		this.quotaPerKey = quotaPerKey;
		this.retention = window.plus(MARGIN);
		// no size bound: the capacity is enforced before an id is added, never by
		// eviction
		this.seen = Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(this.retention)
			.executor(Runnable::run)
			.evictionListener(this::expired)
			.build();
		this.fullWarnings = new WarningRateLimit(window);
		this.quotaWarnings = new WarningRateLimit(window);
	}

	/**
	 * Returns how long an id is remembered: the window plus {@link #MARGIN}.
	 * @return the retention
	 */
	Duration retention() {
		return this.retention;
	}

	/**
	 * Remembers a proof id unless it is already remembered or its client key is over its
	 * quota.
	 * @param jkt the thumbprint of the client's key
	 * @param key the proof's replay key (a digest of {@code jkt} and {@code jti})
	 * @return whether the id was remembered now; {@code false} for a replay, a client
	 * over its quota or a full cache
	 */
	boolean firstUse(String jkt, String key) {
		if (this.seen.getIfPresent(key) != null) {
			logger.debug("Rejected DPoP proof: jti already used");
			return false;
		}
		if (!reserve(jkt)) {
			// expired ids may still be counted until the cache's maintenance runs
			this.seen.cleanUp();
			if (!reserve(jkt)) {
				return false;
			}
		}
		if (this.seen.asMap().putIfAbsent(key, jkt) != null) {
			release(jkt);
			logger.debug("Rejected DPoP proof: jti already used");
			return false;
		}
		return true;
	}

	private boolean reserve(String jkt) {
		if (this.held.incrementAndGet() > this.capacity) {
			this.held.decrementAndGet();
			if (this.fullWarnings.tryAcquire()) {
				logger.warn("DPoP replay cache is full (" + this.capacity + " proof ids); refusing new proofs "
						+ "until remembered ones age out (logged at most once per proof window)");
			}
			return false;
		}
		boolean[] reserved = new boolean[1];
		this.heldByKey.compute(jkt, (key, count) -> {
			long current = (count != null) ? count : 0;
			if (current >= this.quotaPerKey) {
				return count;
			}
			reserved[0] = true;
			return current + 1;
		});
		if (!reserved[0]) {
			this.held.decrementAndGet();
			if (this.quotaWarnings.tryAcquire()) {
				logger.warn("A DPoP client key holds its whole share of the replay cache (" + this.quotaPerKey
						+ " proof ids); refusing its new proofs until its ids age out (logged at most once per "
						+ "proof window)");
			}
			return false;
		}
		return true;
	}

	private void release(String jkt) {
		this.heldByKey.computeIfPresent(jkt, (key, count) -> (count > 1) ? count - 1 : null);
		this.held.decrementAndGet();
	}

	private void expired(@Nullable String key, @Nullable String jkt, RemovalCause cause) {
		if (jkt != null) {
			release(jkt);
		}
	}

	@Override
	public String toString() {
		return "DPoPReplayCache[capacity=" + this.capacity + ", quotaPerKey=" + this.quotaPerKey + ", retention="
				+ this.retention + "]";
	}

}
