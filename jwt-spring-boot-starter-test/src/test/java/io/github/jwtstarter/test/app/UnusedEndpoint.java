package io.github.jwtstarter.test.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A loopback listener that counts every connection and closes it at once. The test
 * application's remote key sources (a JWK Set URL, an OpenID Connect discovery issuer)
 * point at {@link #SHARED}; under test keys its count must stay zero.
 */
public final class UnusedEndpoint {

	/**
	 * The listener of {@code unused-endpoint.url} in the test application.yml.
	 */
	public static final UnusedEndpoint SHARED = start();

	private final ServerSocket socket;

	private final AtomicInteger connections = new AtomicInteger();

	private UnusedEndpoint(ServerSocket socket) {
		this.socket = socket;
	}

	/**
	 * Starts a listener on an ephemeral loopback port.
	 * @return the listener
	 */
	public static UnusedEndpoint start() {
		try {
			UnusedEndpoint endpoint = new UnusedEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread acceptor = new Thread(endpoint::accept, "unused-endpoint");
			acceptor.setDaemon(true);
			acceptor.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Registers {@code unused-endpoint.url}, which the test application.yml uses.
	 * @param registry the registry
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("unused-endpoint.url", SHARED::url);
	}

	public String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket ignored = this.socket.accept()) {
				this.connections.incrementAndGet();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

}
