package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The verified-token cache (Caffeine): the key is the exact token string, the value the
 * {@link VerifiedJwt} with the provider that verified it. An entry never outlives its
 * token's {@code exp} (tokens without {@code exp} stay at most
 * {@value #NO_EXPIRY_MINUTES} minutes), a hit still has its times checked against the
 * clock, and a change of a provider's keys drops that provider's entries.
 *
 * @author jwt-spring-boot-starter
 */
public final class VerifiedTokenCache implements JwksFetchListener {

	static final long NO_EXPIRY_MINUTES = 5;

	private final Cache<String, VerifiedJwt> cache;

	private final java.util.Map<String, com.nimbusds.jose.jwk.JWKSet> lastKeys = new java.util.concurrent.ConcurrentHashMap<>();

	public VerifiedTokenCache(long maxSize, Clock clock) {
		Assert.isTrue(maxSize > 0, "maxSize must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfter(new TokenExpiry(clock))
			.recordStats()
			.build();
	}

	/**
	 * Returns the cached verification of the token.
	 * @param token the exact token string
	 * @return the cached verification, or {@code null}
	 */
	public @Nullable VerifiedJwt get(String token) {
		return this.cache.getIfPresent(token);
	}

	/**
	 * Caches a verification.
	 * @param token the exact token string
	 * @param verified the verification
	 */
	public void put(String token, VerifiedJwt verified) {
		this.cache.put(token, verified);
	}

	/**
	 * Drops a token.
	 * @param token the exact token string
	 */
	public void invalidate(String token) {
		this.cache.invalidate(token);
	}

	/**
	 * Drops every token verified by the given provider.
	 * @param providerId the provider id
	 */
	public void invalidateProvider(String providerId) {
		this.cache.asMap().values().removeIf((verified) -> verified.provider().getId().equals(providerId));
	}

	/**
	 * Returns the underlying Caffeine cache, for metrics.
	 * @return the cache
	 */
	public Cache<String, VerifiedJwt> getNativeCache() {
		return this.cache;
	}

	@Override
	public void onFetch(JwksFetchEvent event) {
		if (event.success() && event.keys() != null) {
			com.nimbusds.jose.jwk.JWKSet previous = this.lastKeys.put(event.providerId(), event.keys());
			if (previous != null && !previous.toJSONObject(true).equals(event.keys().toJSONObject(true))) {
				invalidateProvider(event.providerId());
			}
		}
	}

	private static final class TokenExpiry implements Expiry<String, VerifiedJwt> {

		private final Clock clock;

		TokenExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String key, VerifiedJwt value, long currentTime) {
			Instant expiresAt = value.jwt().getExpiresAt();
			Duration maximum = Duration.ofMinutes(NO_EXPIRY_MINUTES);
			if (expiresAt == null) {
				return maximum.toNanos();
			}
			Duration remaining = Duration.between(this.clock.instant(), expiresAt);
			if (remaining.isNegative()) {
				return 0;
			}
			return remaining.toNanos();
		}

		@Override
		public long expireAfterUpdate(String key, VerifiedJwt value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(String key, VerifiedJwt value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
