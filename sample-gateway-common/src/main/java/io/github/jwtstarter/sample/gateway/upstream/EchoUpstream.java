package io.github.jwtstarter.sample.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A service behind the gateway with no security of its own: a JDK HTTP server on loopback
 * that answers every request with JSON describing exactly what it received (its own name,
 * the method, the path and query, every header) and records each request, so that a demo
 * user sees, and a test asserts, what the gateway forwarded.
 */
public final class EchoUpstream implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private EchoUpstream(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "upstream-" + name);
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::echo);
	}

	/**
	 * Starts an upstream on a free loopback port.
	 * @param name the name it answers with, e.g. {@code canary}
	 * @return the running upstream
	 */
	public static EchoUpstream start(String name) {
		try {
			EchoUpstream upstream = new EchoUpstream(name);
			// started from a daemon thread, so its dispatcher thread cannot keep the JVM
			// alive
			Thread starter = new Thread(upstream.server::start, "upstream-" + name + "-start");
			starter.setDaemon(true);
			starter.start();
			starter.join();
			return upstream;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Upstream " + name + " could not start", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting upstream " + name, ex);
		}
	}

	public String name() {
		return this.name;
	}

	/**
	 * Returns the base URL, for a gateway route's {@code uri}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Returns the requests received so far, oldest first.
	 * @return the requests
	 */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Forgets the requests received so far.
	 */
	public void reset() {
		this.received.clear();
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
			String target = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
					? "?" + exchange.getRequestURI().getRawQuery() : "");
			Received request = new Received(exchange.getRequestMethod(), target, headers);
			this.received.add(request);
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("upstream", this.name);
			json.put("method", request.method());
			json.put("target", request.target());
			json.put("headers", new LinkedHashMap<>(headers));
			byte[] response = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	/**
	 * One request as the upstream received it.
	 *
	 * @param method the HTTP method
	 * @param target the raw path and query
	 * @param headers every header by lower-case name
	 */
	public record Received(String method, String target, Map<String, List<String>> headers) {

		/**
		 * Returns the values of a header.
		 * @param name the header name, any case
		 * @return its values, empty when absent
		 */
		public List<String> header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		/**
		 * Returns whether the text occurs anywhere in the request line or headers.
		 * @param text the text, e.g. a token
		 * @return whether the upstream saw it
		 */
		public boolean contains(@Nullable String text) {
			if (text == null) {
				return false;
			}
			List<String> all = new ArrayList<>();
			all.add(this.target);
			this.headers.forEach((header, values) -> {
				all.add(header);
				all.addAll(values);
			});
			return all.stream().anyMatch((part) -> part.contains(text));
		}

	}

}
