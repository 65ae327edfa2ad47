package io.github.jwtstarter.actuate;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Counts the DPoP proofs refused because the replay store shared by every replica
 * ({@code replay-store: redis}) failed or did not answer in time, as
 * {@value #METRIC_NAME}, tagged {@code provider}. Each one was answered {@code 503}.
 */
public final class DPoPReplayStoreMetrics implements JwtVerificationListener {

	/**
	 * Name of the counter.
	 */
	public static final String METRIC_NAME = "jwt.dpop.replay-store.errors";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Creates the listener.
	 * @param registry where the counter is registered
	 * @param providerIds the providers that use the shared store, whose counters are
	 * registered at once (at zero)
	 */
	public DPoPReplayStoreMetrics(MeterRegistry registry, Collection<String> providerIds) {
		Assert.notNull(registry, "registry cannot be null");
		Assert.notNull(providerIds, "providerIds cannot be null");
		this.registry = registry;
		providerIds.forEach(this::counter);
	}

	@Override
	public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, boolean cached,
			long nanos) {
		if (failure != JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE) {
			return;
		}
		counter((provider != null) ? provider.getId() : "none").increment();
	}

	private Counter counter(String providerId) {
		return this.counters.computeIfAbsent(providerId,
				(key) -> Counter.builder(METRIC_NAME)
					.description("DPoP proofs refused because the shared replay store failed or did not answer")
					.tag("provider", key)
					.register(this.registry));
	}

}
