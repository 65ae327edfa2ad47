package io.github.jwtstarter.actuate;

import io.github.jwtstarter.jwt.JwksFetchEvent;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * Counts every fetch of a remote JWK Set (or discovery document) as
 * {@value #METRIC_NAME}, tagged {@code provider} (the configured id) and {@code result}
 * ({@code success} or {@code failure}).
 */
public final class JwksFetchMetrics implements JwksFetchListener {

	/**
	 * Name of the counter.
	 */
	public static final String METRIC_NAME = "jwt.jwks.fetches";

	private final MeterRegistry registry;

	/**
	 * Creates the listener.
	 * @param registry where the counter is registered
	 */
	public JwksFetchMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
	}

	@Override
	public void onFetch(JwksFetchEvent event) {
		Counter.builder(METRIC_NAME)
			.description("Fetches of remote JWK Sets by provider and result")
			.tag("provider", event.providerId())
			.tag("result", event.success() ? "success" : "failure")
			.register(this.registry)
			.increment();
	}

}
