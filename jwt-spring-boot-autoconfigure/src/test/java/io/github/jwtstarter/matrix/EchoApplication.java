package io.github.jwtstarter.matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the servlet and reactive runners: the starter with everything
 * auto-configured and one catch-all endpoint that records each request it receives
 * (method, target, headers, the principal's name) and answers {@code 200} with the same
 * as JSON.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ EchoApplication.ServletEcho.class, EchoApplication.ReactiveEcho.class })
public class EchoApplication {

	@Bean
	ReceivedRequests receivedRequests() {
		return new ReceivedRequests();
	}

	static Map<String, Object> record(ReceivedRequests received, String method, String target,
			Map<String, List<String>> headers, @Nullable Authentication authentication) {
		boolean authenticated = authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
		String principal = authenticated ? authentication.getName() : null;
		received.add(new Received(method, target, headers, principal));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("method", method);
		body.put("target", target);
		body.put("authenticated", authenticated);
		if (principal != null) {
			body.put("name", principal);
		}
		return body;
	}

	private static String target(String path, @Nullable String query) {
		return (query != null) ? path + "?" + query : path;
	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletEcho {

		private final ReceivedRequests received;

		ServletEcho(ReceivedRequests received) {
			this.received = received;
		}

		@RequestMapping("/**")
		Map<String, Object> echo(HttpServletRequest request) {
			Map<String, List<String>> headers = new TreeMap<>();
			for (String name : java.util.Collections.list(request.getHeaderNames())) {
				headers.put(name.toLowerCase(Locale.ROOT), java.util.Collections.list(request.getHeaders(name)));
			}
			return record(this.received, request.getMethod(), target(request.getRequestURI(), request.getQueryString()),
					headers, SecurityContextHolder.getContext().getAuthentication());
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEcho {

		private final ReceivedRequests received;

		ReactiveEcho(ReceivedRequests received) {
			this.received = received;
		}

		@RequestMapping("/**")
		Mono<Map<String, Object>> echo(ServerHttpRequest request) {
			Map<String, List<String>> headers = new TreeMap<>();
			request.getHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			String target = target(request.getURI().getRawPath(), request.getURI().getRawQuery());
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.map((authentication) -> record(this.received, request.getMethod().name(), target, headers,
						authentication))
				.switchIfEmpty(Mono
					.fromSupplier(() -> record(this.received, request.getMethod().name(), target, headers, null)));
		}

	}

}
