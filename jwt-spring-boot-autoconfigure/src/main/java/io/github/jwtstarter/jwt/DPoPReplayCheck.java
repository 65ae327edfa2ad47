package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The last check of a DPoP proof whose provider shares its replay store with other
 * replicas ({@code replay-store: redis}): the proof passed every other check, and its id
 * is now recorded in the {@link DPoPReplayStore}. Until that succeeded the token must not
 * be trusted. A servlet request thread waits for it ({@link #record()}); a reactive one
 * chains on it ({@link #recordAsync()}), never blocking its event loop. Runs once.
 * <p>
 * The id already recorded in the store is a replay
 * ({@link JwtFailure#INVALID_DPOP_PROOF}); a store that fails or does not answer within
 * the provider's {@code replay-store-timeout} refuses the proof
 * ({@link JwtFailure#DPOP_REPLAY_STORE_UNAVAILABLE}). The outcome is reported to the
 * verification listeners as the outcome of the whole verification.
 */
public final class DPoPReplayCheck {

	private static final Log logger = LogFactory.getLog(DPoPReplayCheck.class);

	private final DPoPReplayStore store;

	private final String key;

	private final Duration ttl;

	private final Duration timeout;

	private final @Nullable JwtProvider provider;

	private final Consumer<@Nullable JwtFailure> outcome;

	private final AtomicBoolean started = new AtomicBoolean();

	DPoPReplayCheck(Pending pending, @Nullable JwtProvider provider, Consumer<@Nullable JwtFailure> outcome) {
		Assert.notNull(pending, "pending cannot be null");
		Assert.notNull(outcome, "outcome cannot be null");
		this.store = pending.store();
		this.key = pending.key();
		this.ttl = pending.ttl();
		this.timeout = pending.timeout();
		this.provider = provider;
		this.outcome = outcome;
	}

	/**
	 * Records the proof's id, waiting at most the provider's {@code replay-store-timeout}
	 * for the store.
	 * @throws JwtVerificationException when the proof was already used, or the store
	 * cannot tell
	 */
	public void record() {
		try {
			recordAsync().toCompletableFuture().join();
		}
		catch (CompletionException ex) {
			throw rejection(ex);
		}
	}

	/**
	 * Records the proof's id without blocking.
	 * @return completes when the id was recorded, exceptionally with a
	 * {@link JwtVerificationException} when the proof was already used or the store
	 * cannot tell (at the latest after the provider's {@code replay-store-timeout})
	 */
	public CompletionStage<Void> recordAsync() {
		Assert.state(this.started.compareAndSet(false, true), "a DPoP replay check runs once");
		CompletableFuture<Boolean> answer = new CompletableFuture<>();
		try {
			this.store.putIfAbsent(this.key, this.ttl).whenComplete((firstUse, ex) -> {
				if (ex != null) {
					answer.completeExceptionally(ex);
				}
				else {
					answer.complete(firstUse);
				}
			});
		}
		catch (RuntimeException ex) {
			answer.completeExceptionally(ex);
		}
		return answer.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).handle((firstUse, ex) -> {
			JwtFailure failure = null;
			if (ex != null) {
				logger.debug("DPoP replay store failed; refusing the proof", ex);
				failure = JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE;
			}
			else if (!Boolean.TRUE.equals(firstUse)) {
				logger.debug("Rejected DPoP proof: jti already used (shared replay store)");
				failure = JwtFailure.INVALID_DPOP_PROOF;
			}
			this.outcome.accept(failure);
			if (failure != null) {
				throw new JwtVerificationException(failure).of(this.provider);
			}
			return null;
		});
	}

	/**
	 * Returns the rejection that a failed {@link #recordAsync()} completed with.
	 * @param failure what the stage completed with
	 * @return the rejection
	 */
	public static JwtVerificationException rejection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtVerificationException rejection) {
				return rejection;
			}
		}
		return new JwtVerificationException(JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE, failure);
	}

	@Override
	public String toString() {
		return "DPoPReplayCheck[provider=" + ((this.provider != null) ? this.provider.getId() : null) + "]";
	}

	/**
	 * A replay check as the sender-constraint checks leave it: the store, the proof's
	 * key, how long it is remembered and how long the store may take.
	 */
	record Pending(DPoPReplayStore store, String key, Duration ttl, Duration timeout) {

	}

}
