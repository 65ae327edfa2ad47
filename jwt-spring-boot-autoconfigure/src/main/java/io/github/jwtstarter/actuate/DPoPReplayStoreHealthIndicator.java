package io.github.jwtstarter.actuate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.jwtstarter.jwt.DPoPReplayStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * The health of the DPoP replay store shared by every replica ({@code replay-store:
 * redis}): {@code UP} when it answers a ping within the timeout, {@code DOWN} otherwise
 * (DPoP proofs of the providers that use it are then refused with {@code 503}; plain
 * bearer tokens are unaffected).
 */
public final class DPoPReplayStoreHealthIndicator implements HealthIndicator {

	private final DPoPReplayStore store;

	private final Duration timeout;

	/**
	 * Creates an indicator.
	 * @param store the shared store
	 * @param timeout how long the store may take to answer
	 */
	public DPoPReplayStoreHealthIndicator(DPoPReplayStore store, Duration timeout) {
		Assert.notNull(store, "store cannot be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.store = store;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		Health.Builder health = new Health.Builder().withDetail("store", this.store.getClass().getSimpleName());
		try {
			this.store.ping().toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			return health.up().build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return health.down(ex).build();
		}
		catch (ExecutionException ex) {
			return health.down((ex.getCause() != null) ? ex.getCause() : ex).build();
		}
		catch (TimeoutException ex) {
			return health.down().withDetail("reason", "no answer within " + this.timeout).build();
		}
		catch (RuntimeException ex) {
			return health.down(ex).build();
		}
	}

}
