package io.github.jwtstarter.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderTenants;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Times every verification as {@value #METRIC_NAME}, tagged {@code provider} (the
 * configured id, or {@code none} when no provider has the token's issuer),
 * {@code tenant}, {@code outcome} ({@code success} or a {@link JwtFailure#tag()}; for a
 * check of the application's own that failed, its error code when that is a simple word,
 * see {@link JwtFailure#CUSTOM}) and {@code cache} ({@code hit} or {@code miss}).
 * <p>
 * The {@code tenant} tag of a multi-tenant provider's token is its tenant when the
 * provider's {@code tenants} allow-list names it, else {@value #OTHER_TENANT} (a tenant
 * accepted by a pattern is taken from the token, so it is not a tag value); for any other
 * provider it is {@value #NO_TENANT}. Tag values come from fixed sets, configured ids and
 * allow-lists and a bounded number of check error codes, never from token content.
 */
public final class JwtVerificationMetrics implements JwtVerificationListener {

	/**
	 * Name of the timer.
	 */
	public static final String METRIC_NAME = "jwt.verifications";

	/**
	 * The {@code tenant} tag of a token of a provider that is not multi-tenant.
	 */
	public static final String NO_TENANT = "none";

	/**
	 * The {@code tenant} tag of a tenant that no allow-list names.
	 */
	public static final String OTHER_TENANT = "other";

	private static final JwtFailure[] FAILURES = JwtFailure.values();

	/**
	 * One slot per outcome (success, then each failure) and cache use.
	 */
	private static final int SLOTS = (FAILURES.length + 1) * 2;

	private final MeterRegistry registry;

	private final Map<JwtProvider, Series> providers = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Series>> tenants = new ConcurrentHashMap<>();

	private final Series noProvider;

	/**
	 * Creates the listener.
	 * @param registry where the timer is registered
	 */
	public JwtVerificationMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
		this.noProvider = new Series("none", NO_TENANT);
	}

	@Override
	public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, boolean cached,
			long nanos) {
		onVerification(provider, failure, (failure != null) ? failure.tag() : null, cached, nanos);
	}

	/**
	 * Records one verification. Each provider, tenant tag, outcome and cache use has its
	 * timer registered once and then looked up by array index: no registry lookup and no
	 * allocation on the request path (the reasons of failed checks of the application's
	 * own are looked up by name).
	 */
	@Override
	public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, @Nullable String reason,
			boolean cached, long nanos) {
		series(provider).timer(failure, reason, cached).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Series series(@Nullable JwtProvider provider) {
		if (provider == null) {
			return this.noProvider;
		}
		JwtProviderTenants tenants = provider.getTenants();
		String tenant = provider.getTenant();
		if (tenants == null || tenant == null) {
			return this.providers.computeIfAbsent(provider, (key) -> new Series(key.getId(), NO_TENANT));
		}
		String tag = tenants.getTemplate().isAllowListed(tenant) ? tenant : OTHER_TENANT;
		return this.tenants.computeIfAbsent(provider.getId(), (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(tag, (key) -> new Series(provider.getId(), key));
	}

	/**
	 * The timers of one provider and tenant tag.
	 */
	private final class Series {

		private final String provider;

		private final String tenant;

		private final AtomicReferenceArray<Timer> slots = new AtomicReferenceArray<>(SLOTS);

		private final Map<String, Timer> customHits = new ConcurrentHashMap<>();

		private final Map<String, Timer> customMisses = new ConcurrentHashMap<>();

		Series(String provider, String tenant) {
			this.provider = provider;
			this.tenant = tenant;
		}

		Timer timer(@Nullable JwtFailure failure, @Nullable String reason, boolean cached) {
			if (failure == JwtFailure.CUSTOM && reason != null && !reason.equals(failure.tag())) {
				return (cached ? this.customHits : this.customMisses).computeIfAbsent(reason,
						(key) -> register(key, cached));
			}
			int slot = ((failure != null) ? failure.ordinal() + 1 : 0) * 2 + (cached ? 1 : 0);
			Timer timer = this.slots.get(slot);
			if (timer == null) {
				timer = register((failure != null) ? failure.tag() : "success", cached);
				this.slots.set(slot, timer);
			}
			return timer;
		}

		private Timer register(String outcome, boolean cached) {
			return Timer.builder(METRIC_NAME)
				.description("JWT verifications by provider, tenant, outcome and verified-token cache use")
				.tag("provider", this.provider)
				.tag("tenant", this.tenant)
				.tag("outcome", outcome)
				.tag("cache", cached ? "hit" : "miss")
				.register(JwtVerificationMetrics.this.registry);
		}

	}

}
