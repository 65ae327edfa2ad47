package io.github.jwtstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.jwtstarter.jwt.ProviderKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Ready only with keys: fetches the keys of the providers with {@code jwks.prefetch} in
 * the background from startup on (one thread per provider, each fetch bounded by the
 * provider's timeouts and rate limit), and holds Spring Boot's readiness state at
 * {@link ReadinessState#REFUSING_TRAFFIC} until every one of them has usable keys or
 * {@code jwt.jwks.prefetch-timeout} has passed. Boot announces
 * {@link ReadinessState#ACCEPTING_TRAFFIC} once the application is ready; while keys are
 * awaited this answers that with {@code REFUSING_TRAFFIC}, and announces
 * {@code ACCEPTING_TRAFFIC} itself when the wait ends. Liveness is never touched. A
 * provider without keys at the end of the wait is left to fetch on demand, as without
 * prefetch; its health is {@code DOWN} until it has keys.
 * <p>
 * Boot's {@link ApplicationAvailability} is taken in the constructor so that it is
 * created, and registered as a listener, before this one: a listener of the same order
 * registered later is called later, so the {@code REFUSING_TRAFFIC} published here
 * follows the {@code ACCEPTING_TRAFFIC} it answers.
 */
final class JwtKeysReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>>, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JwtKeysReadiness.class);

	/** Pause between two attempts; the provider's rate limit spaces the fetches. */
	private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final Map<String, ProviderKeys> prefetching;

	private final Duration timeout;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Object lock = new Object();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private boolean awaiting;

	private boolean held;

	JwtKeysReadiness(Map<String, ProviderKeys> prefetching, Duration timeout, ApplicationEventPublisher publisher,
			ApplicationAvailability availability, Clock clock) {
		Assert.notNull(prefetching, "prefetching cannot be null");
		Assert.notNull(timeout, "timeout cannot be null");
		Assert.notNull(publisher, "publisher cannot be null");
		Assert.notNull(availability, "availability cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.prefetching = Map.copyOf(prefetching);
		this.timeout = timeout;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.awaiting = !this.prefetching.isEmpty();
		}
		if (this.prefetching.isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		AtomicInteger remaining = new AtomicInteger(this.prefetching.size());
		this.prefetching.forEach((id, keys) -> {
			Thread thread = new Thread(() -> {
				try {
					prefetch(id, keys, deadline);
				}
				finally {
					if (remaining.decrementAndGet() == 0) {
						release();
					}
				}
			}, "jwt-prefetch-" + id);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		});
	}

	private void prefetch(String id, ProviderKeys keys, long deadline) {
		while (this.running) {
			keys.fetch();
			if (keys.status().usable(this.clock.instant())) {
				logger.debug("JWT provider '" + id + "': keys prefetched");
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				logger.warn("JWT provider '" + id + "': no usable keys within jwt.jwks.prefetch-timeout ("
						+ this.timeout + "); accepting traffic, its tokens are rejected until a fetch succeeds");
				return;
			}
			LockSupport.parkNanos(Math.min(left, RETRY_NANOS));
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
		}
	}

	private void release() {
		synchronized (this.lock) {
			this.awaiting = false;
			if (this.held) {
				this.held = false;
				logger.info("Keys of JWT providers " + this.prefetching.keySet() + " awaited: accepting traffic");
				AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
			}
		}
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || event.getSource() == this) {
			return;
		}
		synchronized (this.lock) {
			if (this.awaiting) {
				this.held = true;
				logger.info("Refusing traffic until the keys of JWT providers " + this.prefetching.keySet()
						+ " are fetched (at most jwt.jwks.prefetch-timeout, " + this.timeout + ")");
				AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
