package io.github.jwtstarter.matrix;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application or an upstream received, in order; a scenario asserts on it the
 * same way on every runner.
 */
public final class ReceivedRequests {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/**
	 * Records a request.
	 * @param request the request as received
	 */
	public void add(Received request) {
		this.received.add(request);
	}

	/**
	 * Returns the requests received since the last {@link #clear()}, oldest first.
	 * @return the requests
	 */
	public List<Received> all() {
		return List.copyOf(this.received);
	}

	/**
	 * Returns the one request received since the last {@link #clear()}, failing when
	 * there was none or several.
	 * @return the request
	 */
	public Received only() {
		List<Received> all = all();
		assertThat(all).as("requests the application received").hasSize(1);
		return all.get(0);
	}

	/**
	 * Asserts that no request reached the application (or the upstream).
	 */
	public void assertNone() {
		assertThat(all()).as("requests the application received").isEmpty();
	}

	/**
	 * Forgets what was received.
	 */
	public void clear() {
		this.received.clear();
	}

}
