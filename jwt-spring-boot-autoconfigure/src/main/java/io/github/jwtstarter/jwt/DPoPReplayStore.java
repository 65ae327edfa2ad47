package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A DPoP replay store shared by every replica of an application ({@code replay-store:
 * redis}), so that a proof accepted by one replica is refused by the others (RFC 9449
 * section 11.1). Each provider's own in-memory replay cache still runs first: it refuses
 * a replay to the same replica without a call to the store, and bounds how much of the
 * store one client key can fill.
 * <p>
 * Implementations must not block: the starter waits for the answer off the request thread
 * on reactive stacks, and bounds the wait with the provider's
 * {@code replay-store-timeout}. A store that fails, or does not answer in time, makes the
 * request fail with {@link JwtFailure#DPOP_REPLAY_STORE_UNAVAILABLE}, never pass.
 */
@FunctionalInterface
public interface DPoPReplayStore {

	/**
	 * Records a key unless it is already recorded, in one atomic step, for the given
	 * time.
	 * @param key the proof's replay key (the provider's prefix and a digest of the
	 * client's key thumbprint and the proof's {@code jti}; no token content)
	 * @param ttl how long the key must be remembered
	 * @return completes with {@code true} when the key was recorded now, {@code false}
	 * when it was already recorded (a replay), exceptionally when the store cannot tell
	 */
	CompletionStage<Boolean> putIfAbsent(String key, Duration ttl);

	/**
	 * Checks that the store answers, for health checks.
	 * @return completes when the store answered, exceptionally otherwise
	 */
	default CompletionStage<Void> ping() {
		return CompletableFuture.completedFuture(null);
	}

}
