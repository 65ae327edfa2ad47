package io.github.jwtstarter.actuate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.github.jwtstarter.jwt.JwtProviderTenants;
import io.github.jwtstarter.jwt.KeySetStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The health of a multi-tenant provider's keys, summarised over its tenants, read from
 * what the fetches so far have reported; it never makes a network call itself.
 * <ul>
 * <li>one key set shared by every tenant: that key set's health, as
 * {@link JwtProviderHealthIndicator} tells it;</li>
 * <li>keys per tenant: {@code UNKNOWN} until some tenant's keys have been fetched,
 * {@code UP} while some tenant has usable keys; when none has, {@code DOWN} if the
 * tenants come from an allow-list, else {@code UNKNOWN} (tenants accepted by a pattern
 * are named by tokens, so tokens for made-up tenants must not turn the application's
 * health {@code DOWN}).</li>
 * </ul>
 * Details: {@code tenants} (how many are kept), {@code maxTenants}, and how many of the
 * kept tenants are {@code up}, {@code down} (fetched, no usable key) and {@code unknown}
 * (not fetched yet); with an allow-list, also the tenants that are down.
 */
public final class JwtTenantsHealthIndicator implements HealthIndicator {

	private final JwtProviderTenants tenants;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param tenants the provider's tenants
	 * @param clock the clock that tells whether cached keys are still used
	 */
	public JwtTenantsHealthIndicator(JwtProviderTenants tenants, Clock clock) {
		Assert.notNull(tenants, "tenants cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.tenants = tenants;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Map<String, KeySetStatus> statuses = this.tenants.keyStatuses();
		if (this.tenants.getSharedKeys() != null) {
			Health shared = new JwtProviderHealthIndicator(this.tenants.getSharedKeys(), this.clock).health();
			return Health.status(shared.getStatus())
				.withDetails(shared.getDetails())
				.withDetail("tenants", statuses.size())
				.withDetail("maxTenants", this.tenants.getMaxTenants())
				.build();
		}
		int up = 0;
		int unknown = 0;
		TreeSet<String> down = new TreeSet<>();
		for (Map.Entry<String, KeySetStatus> tenant : statuses.entrySet()) {
			KeySetStatus status = tenant.getValue();
			if (!status.attempted()) {
				unknown++;
			}
			else if (status.usable(this.clock.instant())) {
				up++;
			}
			else {
				down.add(tenant.getKey());
			}
		}
		boolean allowList = !this.tenants.getTemplate().getTenants().isEmpty();
		Health.Builder health = Health.status(status(up, down.size(), allowList))
			.withDetail("tenants", statuses.size())
			.withDetail("maxTenants", this.tenants.getMaxTenants())
			.withDetail("up", up)
			.withDetail("down", down.size())
			.withDetail("unknown", unknown);
		if (allowList && !down.isEmpty()) {
			health.withDetail("downTenants", List.copyOf(down));
		}
		if (up == 0) {
			health.withDetail("reason", down.isEmpty() ? "no tenant's keys fetched yet" : "no tenant has usable keys");
		}
		return health.build();
	}

	private static Status status(int up, int down, boolean allowList) {
		if (up > 0) {
			return Status.UP;
		}
		return (down > 0 && allowList) ? Status.DOWN : Status.UNKNOWN;
	}

}
