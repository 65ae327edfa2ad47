package io.github.jwtstarter.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells whether a reactive security chain takes every request. Spring Security's reactive
 * chains do not expose their matcher (and {@code anyExchange()} is an anonymous class),
 * so the chain is asked about requests no application routes: a {@code GET} and a
 * {@code POST} to random paths. A chain that takes both takes every request; one whose
 * matcher fails on these synthetic exchanges is taken as narrow.
 */
final class ProbeExchanges {

	private static final Log logger = LogFactory.getLog(ProbeExchanges.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private ProbeExchanges() {
	}

	static boolean takesEveryRequest(SecurityWebFilterChain chain) {
		try {
			for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
				String path = "/" + UUID.randomUUID() + "/" + UUID.randomUUID();
				if (!Boolean.TRUE.equals(chain.matches(exchange(method, path)).block(TIMEOUT))) {
					return false;
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not tell whether " + chain + " takes every request; taken as narrow", ex);
			return false;
		}
	}

	private static ServerWebExchange exchange(HttpMethod method, String path) {
		URI uri = URI.create("http://localhost" + path);
		HttpHeaders headers = new HttpHeaders();
		headers.setHost(java.net.InetSocketAddress.createUnresolved("localhost", 80));
		Map<String, Object> requestValues = Map.of("getMethod", method, "getURI", uri, "getPath",
				RequestPath.parse(uri, ""), "getHeaders", HttpHeaders.readOnlyHttpHeaders(headers), "getQueryParams",
				new LinkedMultiValueMap<String, String>(), "getCookies", new LinkedMultiValueMap<String, HttpCookie>(),
				"getId", "probe", "getBody", Flux.empty());
		ServerHttpRequest request = proxy(ServerHttpRequest.class, requestValues);
		Map<String, Object> attributes = new HashMap<>();
		Map<String, Object> exchangeValues = Map.of("getRequest", request, "getAttributes", attributes);
		return proxy(ServerWebExchange.class, exchangeValues);
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Map<String, Object> values) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			Object value = values.get(method.getName());
			if (value != null) {
				return value;
			}
			if (method.getName().equals("toString")) {
				return "probe " + type.getSimpleName();
			}
			if (method.getName().equals("hashCode")) {
				return System.identityHashCode(proxy);
			}
			if (method.getName().equals("equals")) {
				return proxy == args[0];
			}
			return Mono.class.isAssignableFrom(method.getReturnType()) ? Mono.empty() : null;
		};
		return (T) Proxy.newProxyInstance(ProbeExchanges.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
