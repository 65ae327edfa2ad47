package io.github.jwtstarter.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The upstream behind a gateway runner: a JDK HTTP server on a free loopback port, with
 * no security of its own, that records every request it receives and answers {@code 200}
 * with JSON describing it.
 */
public final class RecordingUpstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final ReceivedRequests received = new ReceivedRequests();

	private RecordingUpstream() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "matrix-upstream");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::echo);
	}

	/**
	 * Starts an upstream on a free loopback port.
	 * @return the running upstream
	 */
	public static RecordingUpstream start() {
		try {
			RecordingUpstream upstream = new RecordingUpstream();
			upstream.server.start();
			return upstream;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The recording upstream could not start", ex);
		}
	}

	/**
	 * Returns the base URL, for a gateway route's {@code uri}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Returns what the upstream received.
	 * @return the requests
	 */
	public ReceivedRequests received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void echo(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
			Map<String, List<String>> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), List.copyOf(values)));
			String query = exchange.getRequestURI().getRawQuery();
			String target = exchange.getRequestURI().getRawPath() + ((query != null) ? "?" + query : "");
			this.received.add(new Received(exchange.getRequestMethod(), target, headers, null));
			byte[] response = JSONObjectUtils
				.toJSONString(Map.of("upstream", "matrix", "method", exchange.getRequestMethod(), "target", target))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if ("HEAD".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

}
