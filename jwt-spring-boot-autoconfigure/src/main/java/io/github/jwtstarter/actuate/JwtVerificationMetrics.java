package io.github.jwtstarter.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Times every verification as {@value #METRIC_NAME}, tagged {@code provider} (the
 * configured id, or {@code none} when no provider has the token's issuer),
 * {@code outcome} ({@code success} or a {@link JwtFailure#tag()}) and {@code cache}
 * ({@code hit} or {@code miss}). Tag values come from fixed sets and configured ids,
 * never from token content.
 */
public final class JwtVerificationMetrics implements JwtVerificationListener {

	/**
	 * Name of the timer.
	 */
	public static final String METRIC_NAME = "jwt.verifications";

	private static final JwtFailure[] FAILURES = JwtFailure.values();

	/**
	 * One slot per outcome (success, then each failure) and cache use.
	 */
	private static final int SLOTS = (FAILURES.length + 1) * 2;

	private final MeterRegistry registry;

	private final Map<JwtProvider, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<Timer> noProvider = new AtomicReferenceArray<>(SLOTS);

	/**
	 * Creates the listener.
	 * @param registry where the timer is registered
	 */
	public JwtVerificationMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
	}

	/**
	 * Records one verification. Each provider, outcome and cache use has its timer
	 * registered once and then looked up by array index: no registry lookup and no
	 * allocation on the request path.
	 */
	@Override
	public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, boolean cached,
			long nanos) {
		AtomicReferenceArray<Timer> slots = (provider != null)
				? this.timers.computeIfAbsent(provider, (key) -> new AtomicReferenceArray<>(SLOTS)) : this.noProvider;
		int slot = ((failure != null) ? failure.ordinal() + 1 : 0) * 2 + (cached ? 1 : 0);
		Timer timer = slots.get(slot);
		if (timer == null) {
			timer = timer((provider != null) ? provider.getId() : "none", failure, cached);
			slots.set(slot, timer);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(String provider, @Nullable JwtFailure failure, boolean cached) {
		return Timer.builder(METRIC_NAME)
			.description("JWT verifications by provider, outcome and verified-token cache use")
			.tag("provider", provider)
			.tag("outcome", (failure != null) ? failure.tag() : "success")
			.tag("cache", cached ? "hit" : "miss")
			.register(this.registry);
	}

}
