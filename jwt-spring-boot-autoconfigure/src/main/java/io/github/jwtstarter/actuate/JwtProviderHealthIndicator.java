package io.github.jwtstarter.actuate;

import java.time.Clock;
import java.time.Instant;

import io.github.jwtstarter.jwt.KeySetStatus;
import io.github.jwtstarter.jwt.ProviderKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * The health of one provider's keys, read from what the fetches so far have reported; it
 * never makes a network call itself.
 * <ul>
 * <li>local keys: {@code UP} with the key count;</li>
 * <li>remote keys never fetched yet (keys are fetched on first use): {@code UNKNOWN};
 * {@code DOWN} when they are prefetched ({@code jwks.prefetch}): readiness waits for
 * them;</li>
 * <li>remote keys whose last fetch succeeded: {@code UP} with the key count and the time
 * of the fetch (also once the cache has expired: the next request fetches again), or
 * {@code DOWN} when the set held no usable key;</li>
 * <li>remote keys whose endpoint fails: {@code UP} with {@code failingSince} while the
 * cached keys are still used ({@code outage-tolerance}), {@code DOWN} once no usable key
 * is left.</li>
 * </ul>
 */
public final class JwtProviderHealthIndicator implements HealthIndicator {

	private final ProviderKeys keys;

	private final Clock clock;

	private final boolean prefetched;

	/**
	 * Creates an indicator.
	 * @param keys the provider's keys
	 * @param clock the clock that tells whether cached keys are still used
	 */
	public JwtProviderHealthIndicator(ProviderKeys keys, Clock clock) {
		this(keys, clock, false);
	}

	/**
	 * Creates an indicator.
	 * @param keys the provider's keys
	 * @param clock the clock that tells whether cached keys are still used
	 * @param prefetched whether the keys are fetched at startup ({@code jwks.prefetch}),
	 * so that their absence is {@code DOWN} rather than {@code UNKNOWN}
	 */
	public JwtProviderHealthIndicator(ProviderKeys keys, Clock clock, boolean prefetched) {
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.keys = keys;
		this.clock = clock;
		this.prefetched = prefetched;
	}

	@Override
	public Health health() {
		KeySetStatus status = this.keys.status();
		Health.Builder health = new Health.Builder().withDetail("keys", status.keys())
			.withDetail("source", status.remote() ? "remote" : "local");
		if (!status.remote()) {
			return health.up().build();
		}
		if (!status.attempted()) {
			return (this.prefetched) ? health.down().withDetail("reason", "prefetch not completed yet").build()
					: health.unknown().withDetail("reason", "not fetched yet").build();
		}
		detail(health, "lastSuccessfulFetch", status.lastSuccessfulFetch());
		detail(health, "failingSince", status.failingSince());
		detail(health, "usableUntil", status.usableUntil());
		if (status.keys() == 0) {
			return health.down()
				.withDetail("reason",
						(status.failingSince() != null) ? "endpoint failing, no cached key"
								: "no usable key in the key set")
				.build();
		}
		if (status.failingSince() != null && !status.usable(this.clock.instant())) {
			return health.down()
				.withDetail("reason", "endpoint failing, cached keys past the outage tolerance")
				.build();
		}
		return health.up().build();
	}

	private static void detail(Health.Builder health, String name, @Nullable Instant value) {
		if (value != null) {
			health.withDetail(name, value.toString());
		}
	}

}
