package io.github.jwtstarter.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.github.jwtstarter.jwt.DPoPReplayStore;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.util.Assert;

/**
 * The DPoP replay store on Redis, shared by every replica connected to the same Redis:
 * one atomic {@code SET key 1 NX PX ttl} per proof, through Spring Data Redis's reactive
 * template, so that no event loop waits for Redis (a servlet request thread waits for the
 * answer, bounded by the provider's {@code replay-store-timeout}). The command is sent
 * from {@link Schedulers#boundedElastic()}: the template may open the shared connection
 * when it sends the first command, and opening it blocks. A key is remembered for as long
 * as a proof carrying its id could pass the {@code iat} check, plus a margin; Redis
 * removes it then.
 * <p>
 * Redis must keep every key until it expires: run it with
 * {@code maxmemory-policy noeviction} (Redis's default), since an evicted key lets its
 * proof be replayed; when Redis is full, it refuses the write and the proof is refused
 * with it.
 */
public final class RedisDPoPReplayStore implements DPoPReplayStore {

	private static final byte[] VALUE = { '1' };

	private final ReactiveStringRedisTemplate redis;

	/**
	 * Creates the store.
	 * @param redis the reactive template of the application's Redis connection
	 */
	public RedisDPoPReplayStore(ReactiveStringRedisTemplate redis) {
		Assert.notNull(redis, "redis cannot be null");
		this.redis = redis;
	}

	@Override
	public CompletionStage<Boolean> putIfAbsent(String key, Duration ttl) {
		Assert.hasText(key, "key cannot be empty");
		Assert.isTrue(ttl != null && !ttl.isNegative() && !ttl.isZero(), "ttl must be positive");
		ByteBuffer rawKey = ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
		Expiration expiration = Expiration.milliseconds(ttl.toMillis());
		return this.redis
			.execute((connection) -> connection.stringCommands()
				.set(rawKey, ByteBuffer.wrap(VALUE), expiration, SetOption.ifAbsent()))
			.next()
			.map(Boolean.TRUE::equals)
			.subscribeOn(Schedulers.boundedElastic())
			.toFuture();
	}

	@Override
	public CompletionStage<Void> ping() {
		return this.redis.execute((connection) -> connection.ping())
			.then()
			.subscribeOn(Schedulers.boundedElastic())
			.toFuture();
	}

	@Override
	public String toString() {
		return "RedisDPoPReplayStore[" + this.redis.getConnectionFactory() + "]";
	}

}
