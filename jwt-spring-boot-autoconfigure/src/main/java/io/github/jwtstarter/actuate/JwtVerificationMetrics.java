package io.github.jwtstarter.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 *
 * @author jwt-spring-boot-starter
 */
public final class JwtVerificationMetrics implements JwtVerificationListener {

	/**
	 * Name of the timer.
	 */
	public static final String METRIC_NAME = "jwt.verifications";

	private final MeterRegistry registry;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Creates the listener.
	 * @param registry where the timer is registered
	 */
	public JwtVerificationMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
	}

	@Override
	public void onVerification(@Nullable JwtProvider provider, @Nullable JwtFailure failure, boolean cached,
			long nanos) {
		Key key = new Key((provider != null) ? provider.getId() : "none",
				(failure != null) ? failure.tag() : "success", cached ? "hit" : "miss");
		this.timers.computeIfAbsent(key, this::timer).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(Key key) {
		return Timer.builder(METRIC_NAME)
			.description("JWT verifications by provider, outcome and verified-token cache use")
			.tag("provider", key.provider())
			.tag("outcome", key.outcome())
			.tag("cache", key.cache())
			.register(this.registry);
	}

	private record Key(String provider, String outcome, String cache) {
	}

}
