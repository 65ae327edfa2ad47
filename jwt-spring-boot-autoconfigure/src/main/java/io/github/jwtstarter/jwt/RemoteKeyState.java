package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * Follows the fetches of one provider's remote keys (fed by its {@link JwksFetchEvent}s):
 * the last successful fetch, how many usable keys it gave, since when fetches fail, and
 * so until when the fetched keys may be used.
 */
final class RemoteKeyState implements JwksFetchListener {

	private final Duration usableFor;

	private volatile KeySetStatus status = new KeySetStatus(true, 0, null, null, null);

	/**
	 * Creates the state.
	 * @param usableFor how long fetched keys are used without another successful fetch
	 */
	RemoteKeyState(Duration usableFor) {
		Assert.notNull(usableFor, "usableFor cannot be null");
		this.usableFor = usableFor;
	}

	@Override
	public synchronized void onFetch(JwksFetchEvent event) {
		KeySetStatus current = this.status;
		if (event.success()) {
			int keys = (event.keys() != null) ? event.keys().getKeys().size() : 0;
			this.status = new KeySetStatus(true, keys, event.time(), null, event.time().plus(this.usableFor));
		}
		else {
			Instant failingSince = (current.failingSince() != null) ? current.failingSince() : event.time();
			this.status = new KeySetStatus(true, current.keys(), current.lastSuccessfulFetch(), failingSince,
					current.usableUntil());
		}
	}

	KeySetStatus status() {
		return this.status;
	}

	boolean usable(Instant now) {
		Instant until = this.status.usableUntil();
		return until != null && !now.isAfter(until);
	}

}
