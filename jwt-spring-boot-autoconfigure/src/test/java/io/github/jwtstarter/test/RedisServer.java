package io.github.jwtstarter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} on a free loopback port, started by the test that needs it
 * and stopped with it: no snapshots, no append-only file, nothing left on the machine.
 * {@link #kill()} ends it abruptly (an outage), {@link #restart()} brings it back on the
 * same port, empty. The binary is {@value #BINARY}, from the Debian package
 * {@code redis-server}; without it, {@link #start()} fails and says so (never a silent
 * skip). <pre class="code">
 * try (RedisServer redis = RedisServer.start()) {
 * 	String host = redis.host();
 * 	int port = redis.port();
 * }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {

	/**
	 * The server binary.
	 */
	public static final String BINARY = "/usr/bin/redis-server";

	private static final String LOOPBACK = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private final int port;

	private final Path log;

	private volatile @Nullable Process process;

	private RedisServer(int port, Path log) {
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a server on a free loopback port and waits until it answers {@code PING}.
	 * @return the running server; close it after use
	 * @throws IllegalStateException when {@value #BINARY} is missing or the server does
	 * not start
	 */
	public static RedisServer start() {
		if (!Files.isExecutable(Path.of(BINARY))) {
			throw new IllegalStateException(BINARY + " not found: the Redis tests need a real Redis server; install "
					+ "the Debian package redis-server (apt-get install -y redis-server)");
		}
		try {
			RedisServer server = new RedisServer(freePort(), Files.createTempFile("redis-server-", ".log"));
			server.launch();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the address the server listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return LOOPBACK;
	}

	/**
	 * Returns the port the server listens on (also after {@link #restart()}).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the server's URL, for {@code spring.data.redis.url}.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String url() {
		return "redis://" + LOOPBACK + ":" + this.port;
	}

	/**
	 * Ends the server abruptly ({@code SIGKILL}), as a crash or a network outage would,
	 * and waits until it is gone.
	 */
	public void kill() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			running.destroyForcibly();
			try {
				if (!running.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException("redis-server did not end");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Starts the server again on the same port, empty, after {@link #kill()}.
	 */
	public void restart() {
		kill();
		launch();
	}

	/**
	 * Returns whether the server answers {@code PING} now.
	 * @return whether it answers
	 */
	public boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, reply.length);
			return "+PONG\r\n".equals(new String(reply, 0, read, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// a temporary file: the system cleans it up
		}
	}

	private void launch() {
		List<String> command = List.of(BINARY, "--port", String.valueOf(this.port), "--bind", LOOPBACK, "--save", "",
				"--appendonly", "no", "--daemonize", "no", "--dir", this.log.getParent().toString());
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (!answers()) {
			Process started = this.process;
			if (started == null || !started.isAlive()) {
				throw new IllegalStateException("redis-server did not start on port " + this.port + ": " + logTail());
			}
			if (System.nanoTime() - deadline > 0) {
				kill();
				throw new IllegalStateException("redis-server did not answer on port " + this.port + " within "
						+ STARTUP_TIMEOUT + ": " + logTail());
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	@Override
	public String toString() {
		return "RedisServer[" + url() + "]";
	}

}
