package io.github.jwtstarter.matrix;

import java.net.http.HttpClient;

import io.github.jwtstarter.test.TestHttp;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * A running application of the matrix: where to send requests, and what the application
 * (or the upstream behind a gateway) received.
 */
public final class MatrixApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private final ReceivedRequests received;

	private final Runnable onClose;

	/**
	 * Creates the handle of a started application.
	 * @param context the application's context
	 * @param port the port it listens on
	 * @param received what it (or its upstream) records
	 * @param onClose what to stop after the context, e.g. the upstream
	 */
	public MatrixApplication(ConfigurableApplicationContext context, int port, ReceivedRequests received,
			Runnable onClose) {
		Assert.notNull(context, "context cannot be null");
		Assert.notNull(received, "received cannot be null");
		Assert.notNull(onClose, "onClose cannot be null");
		this.context = context;
		this.port = port;
		this.received = received;
		this.onClose = onClose;
	}

	/**
	 * Returns the port the application listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns a client of the application over plain HTTP.
	 * @return the client
	 */
	public TestHttp http() {
		return new TestHttp(this.port);
	}

	/**
	 * Returns a client of the application over TLS, for a scenario that configures
	 * {@code server.ssl.*}.
	 * @param client a client with the scenario's trust and client certificate
	 * @return the client
	 */
	public TestHttp https(HttpClient client) {
		return TestHttp.https(this.port, client);
	}

	/**
	 * Returns what the application, or the upstream behind a gateway, received.
	 * @return the requests
	 */
	public ReceivedRequests received() {
		return this.received;
	}

	/**
	 * Returns the application's context, for a scenario that reads a bean (a meter
	 * registry, the health of the keys).
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.onClose.run();
		}
	}

}
