package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The verified-token cache (Caffeine): the key is the exact token string, the value the
 * {@link VerifiedJwt} with the provider that verified it. An entry never outlives its
 * token's {@code exp} (tokens without {@code exp} stay at most
 * {@value #NO_EXPIRY_MINUTES} minutes, and no entry more than an hour), a hit still has
 * its times checked against the clock, and a change of a provider's keys drops that
 * provider's entries (a token verified while the keys changed is not kept either, see
 * {@link #generation()}); for a multi-tenant provider with keys per tenant, a change of
 * one tenant's keys drops that tenant's entries. The last key set of at most
 * {@value #MAX_TENANT_KEY_SETS} tenants is remembered for that comparison (the least
 * recently fetched are forgotten).
 */
public final class VerifiedTokenCache implements JwksFetchListener {

	static final long NO_EXPIRY_MINUTES = 5;

	/**
	 * Longest life of an entry whatever the token's {@code exp} says, so that a
	 * far-future {@code exp} (the year 3000) neither overflows the expiry arithmetic nor
	 * pins an entry.
	 */
	static final Duration MAX_ENTRY_LIFE = Duration.ofHours(1);

	private final Cache<String, VerifiedJwt> cache;

	static final long MAX_TENANT_KEY_SETS = 10_000;

	private final Map<String, JWKSet> lastKeys = new ConcurrentHashMap<>();

	private final Cache<TenantKeySet, JWKSet> lastTenantKeys = Caffeine.newBuilder()
		.maximumSize(MAX_TENANT_KEY_SETS)
		.build();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * Creates a cache.
	 * @param maxSize the most tokens kept
	 * @param clock the clock that tells when a token expires
	 */
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
	@Nullable VerifiedJwt get(String token) {
		return this.cache.getIfPresent(token);
	}

	/**
	 * Returns the current generation of the cached keys, to be read before a token is
	 * verified and handed to {@link #put(String, VerifiedJwt, long)}.
	 * @return the generation, changed whenever a provider's keys change
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Caches a verification, unless a provider's keys have changed since the given
	 * generation (the token may have been verified with a key that is gone).
	 * @param token the exact token string
	 * @param verified the verification
	 * @param generation the {@link #generation()} read before the token was verified
	 */
	void put(String token, VerifiedJwt verified, long generation) {
		if (this.generation.get() != generation) {
			return;
		}
		this.cache.put(token, verified);
		if (this.generation.get() != generation) {
			// keys changed while the entry was added; invalidateProvider may have missed
			// it
			this.cache.invalidate(token);
		}
	}

	/**
	 * Drops a token.
	 * @param token the exact token string
	 */
	void invalidate(String token) {
		this.cache.invalidate(token);
	}

	/**
	 * Drops every token verified by the given provider.
	 * @param providerId the provider id
	 */
	void invalidateProvider(String providerId) {
		this.generation.incrementAndGet();
		this.cache.asMap().values().removeIf((verified) -> verified.provider().getId().equals(providerId));
	}

	/**
	 * Drops every token verified by the given tenant of a multi-tenant provider.
	 * @param providerId the provider id
	 * @param tenant the tenant
	 */
	void invalidateTenant(String providerId, String tenant) {
		this.generation.incrementAndGet();
		this.cache.asMap()
			.values()
			.removeIf((verified) -> verified.provider().getId().equals(providerId)
					&& tenant.equals(verified.provider().getTenant()));
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
		if (!event.success() || event.keys() == null) {
			return;
		}
		String tenant = event.tenant();
		JWKSet previous = (tenant != null)
				? this.lastTenantKeys.asMap().put(new TenantKeySet(event.providerId(), tenant), event.keys())
				: this.lastKeys.put(event.providerId(), event.keys());
		if (previous != null && !previous.toJSONObject(true).equals(event.keys().toJSONObject(true))) {
			if (tenant != null) {
				invalidateTenant(event.providerId(), tenant);
			}
			else {
				invalidateProvider(event.providerId());
			}
		}
	}

	private record TenantKeySet(String providerId, String tenant) {

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
			Instant now = this.clock.instant();
			if (!expiresAt.isAfter(now)) {
				return 0;
			}
			if (expiresAt.isAfter(now.plus(MAX_ENTRY_LIFE))) {
				return MAX_ENTRY_LIFE.toNanos();
			}
			return Duration.between(now, expiresAt).toNanos();
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
