package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP endpoint that answers every request with a complete, valid response
 * (status line, headers, a JWK Set) sent one byte at a time with a pause between bytes,
 * from the first byte of the status line on: each pause is shorter than a client's read
 * timeout, the whole far longer. Unlike {@link JwksServer#respondTrickling}, which
 * trickles only the body, this holds a client that bounds only the body.
 * <pre class="code">
 * try (TricklingHttpServer server = TricklingHttpServer.start(Duration.ofMillis(400), key)) {
 * 	String jwksUri = server.jwksUri();
 * }
 * </pre>
 */
public final class TricklingHttpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService executor;

	private final Duration pause;

	private final byte[] response;

	private final AtomicInteger connections = new AtomicInteger();

	private TricklingHttpServer(Duration pause, String body) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.pause = pause;
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		this.response = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + content.length
				+ "\r\nConnection: close\r\n\r\n" + body)
			.getBytes(StandardCharsets.UTF_8);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "trickling-server");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.execute(this::accept);
	}

	/**
	 * Start a server on a random loopback port.
	 * @param pause the pause between two bytes
	 * @param keys the keys of the JWK Set it eventually sends (public parts only)
	 * @return the running server
	 */
	public static TricklingHttpServer start(Duration pause, com.nimbusds.jose.jwk.JWK... keys) {
		try {
			return new TricklingHttpServer(pause, TestKeys.toPublicJwkSetJson(keys));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String jwksUri() {
		return "http://127.0.0.1:" + this.socket.getLocalPort() + JwksServer.JWKS_PATH;
	}

	/**
	 * Return how many connections were accepted.
	 * @return the count
	 */
	public int connectionCount() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.connections.incrementAndGet();
				this.executor.execute(() -> trickle(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void trickle(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			in.read(new byte[8192]);
			for (byte b : this.response) {
				out.write(b);
				out.flush();
				Thread.sleep(this.pause.toMillis());
			}
		}
		catch (IOException ex) {
			// the client gave up, which is what a total timeout does
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.executor.shutdownNow();
	}

}
