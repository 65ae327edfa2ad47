package io.github.jwtstarter.jwt;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is known of one provider's keys, read without any network call: for local keys how
 * many there are; for remote keys the outcome of the fetches so far.
 *
 * @param remote whether the keys are fetched (a JWK Set URL or discovery)
 * @param keys how many usable keys are held: the local keys, or the usable keys of the
 * last successful fetch
 * @param lastSuccessfulFetch when a fetch last succeeded, {@code null} if none has
 * @param failingSince when fetches started failing, {@code null} when the last fetch
 * succeeded or none was made
 * @param usableUntil until when the fetched keys keep verifying without another
 * successful fetch ({@code cache-duration} or {@code outage-tolerance} after the last
 * successful fetch, whichever is later), {@code null} for local keys and before the first
 * successful fetch
 */
public record KeySetStatus(boolean remote, int keys, @Nullable Instant lastSuccessfulFetch,
		@Nullable Instant failingSince, @Nullable Instant usableUntil) {

	/**
	 * Returns whether a fetch has been attempted (always {@code true} for local keys).
	 * @return whether keys were loaded or a fetch was attempted
	 */
	public boolean attempted() {
		return !this.remote || this.lastSuccessfulFetch != null || this.failingSince != null;
	}

	/**
	 * Returns whether keys are held that may verify tokens at the given time.
	 * @param now the time
	 * @return whether usable keys are held
	 */
	public boolean usable(Instant now) {
		if (this.keys == 0) {
			return false;
		}
		return !this.remote || (this.usableUntil != null && !now.isAfter(this.usableUntil));
	}

}
