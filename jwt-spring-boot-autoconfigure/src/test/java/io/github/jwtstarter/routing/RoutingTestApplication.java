package io.github.jwtstarter.routing;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.routing.servlet.JwtRequestPredicates;
import io.github.jwtstarter.web.JwtRequestFlow;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The application of the claim-routing end-to-end tests, on either web stack: an echo of
 * what the application sees (headers, query, parameters, cookies), the canary guide with
 * {@code @GetMapping(headers=...)}, and the same with a {@code RouterFunction} on the
 * stack's {@code JwtRequestPredicates}. The echo and the router function have a servlet
 * and a reactive face with the same answers.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RoutingTestApplication.EchoController.class, RoutingTestApplication.ReactiveEchoController.class,
		RoutingTestApplication.CanaryController.class, RoutingTestApplication.PrimaryController.class,
		RoutingTestApplication.ServletRoutes.class, RoutingTestApplication.ReactiveRoutes.class })
class RoutingTestApplication {

	static final ClaimCondition VERIFIED = ClaimCondition.of("email_verified", ClaimComparison.BOOLEAN, "true");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletRoutes {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> greetingRoutes() {
			return org.springframework.web.servlet.function.RouterFunctions
				.route(org.springframework.web.servlet.function.RequestPredicates.GET("/fn/greeting")
					.and(JwtRequestPredicates.claim("org", "solo.io")),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("canary"))
				.andRoute(
						org.springframework.web.servlet.function.RequestPredicates.GET("/fn/partner")
							.and(JwtRequestPredicates.provider("partner")
								.and(JwtRequestPredicates.claimMatches("email", ".*@solo\\.io"))),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("solo partner"))
				.andRoute(
						org.springframework.web.servlet.function.RequestPredicates.GET("/fn/partner")
							.and(JwtRequestPredicates.authenticated()),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("someone"))
				.andRoute(
						org.springframework.web.servlet.function.RequestPredicates.GET("/fn/admin")
							.and(JwtRequestPredicates.authority("SCOPE_admin")),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("admin"))
				.andRoute(
						org.springframework.web.servlet.function.RequestPredicates.GET("/fn/verified")
							.and(JwtRequestPredicates.claim(VERIFIED)),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("verified"))
				.andRoute(org.springframework.web.servlet.function.RequestPredicates.GET("/fn/**"),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("primary"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveRoutes {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> greetingRoutes() {
			return org.springframework.web.reactive.function.server.RouterFunctions
				.route(org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/greeting")
					.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.claim("org", "solo.io")),
						(request) -> ok("canary"))
				.andRoute(org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/partner")
					.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.provider("partner")
						.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.claimMatches("email",
								".*@solo\\.io"))),
						(request) -> ok("solo partner"))
				.andRoute(
						org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/partner")
							.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.authenticated()),
						(request) -> ok("someone"))
				.andRoute(
						org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/admin")
							.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.authority("SCOPE_admin")),
						(request) -> ok("admin"))
				.andRoute(
						org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/verified")
							.and(io.github.jwtstarter.routing.reactive.JwtRequestPredicates.claim(VERIFIED)),
						(request) -> ok("verified"))
				.andRoute(org.springframework.web.reactive.function.server.RequestPredicates.GET("/fn/**"),
						(request) -> ok("primary"));
		}

		private static Mono<org.springframework.web.reactive.function.server.ServerResponse> ok(String body) {
			return org.springframework.web.reactive.function.server.ServerResponse.ok().bodyValue(body);
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class EchoController {

		@GetMapping({ "/echo", "/lenient/echo", "/disabled/echo" })
		Map<String, Object> echo(HttpServletRequest request, Principal principal) {
			Map<String, Object> echo = new LinkedHashMap<>();
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String name : Collections.list(request.getHeaderNames())) {
				headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
			}
			echo.put("headers", headers);
			echo.put("X-Company", request.getHeader("X-Company"));
			echo.put("X-COMPANY values", Collections.list(request.getHeaders("X-COMPANY")));
			echo.put("query", request.getQueryString());
			Map<String, List<String>> parameters = new LinkedHashMap<>();
			request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
			echo.put("parameters", parameters);
			echo.put("parameterNames", Collections.list(request.getParameterNames()));
			List<String> cookies = new ArrayList<>();
			if (request.getCookies() != null) {
				for (Cookie cookie : request.getCookies()) {
					cookies.add(cookie.getName() + "=" + cookie.getValue());
				}
			}
			echo.put("cookies", cookies);
			echo.put("principal", (principal != null) ? principal.getName() : null);
			echo.put("failure", String.valueOf(request.getAttribute(JwtRequestFlow.FAILURE_ATTRIBUTE)));
			return echo;
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEchoController {

		@GetMapping({ "/echo", "/lenient/echo", "/disabled/echo" })
		Mono<Map<String, Object>> echo(ServerWebExchange exchange) {
			return exchange.getPrincipal()
				.map((principal) -> echo(exchange, principal.getName()))
				.switchIfEmpty(Mono.fromSupplier(() -> echo(exchange, null)));
		}

		private static Map<String, Object> echo(ServerWebExchange exchange, String principal) {
			ServerHttpRequest request = exchange.getRequest();
			Map<String, Object> echo = new LinkedHashMap<>();
			Map<String, List<String>> headers = new LinkedHashMap<>();
			HttpHeaders requestHeaders = request.getHeaders();
			requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
			echo.put("headers", headers);
			echo.put("X-Company", requestHeaders.getFirst("X-Company"));
			echo.put("X-COMPANY values", requestHeaders.getOrEmpty("X-COMPANY"));
			echo.put("query", request.getURI().getRawQuery());
			Map<String, List<String>> parameters = new LinkedHashMap<>(request.getQueryParams());
			echo.put("parameters", parameters);
			echo.put("parameterNames", List.copyOf(parameters.keySet()));
			List<String> cookies = new ArrayList<>();
			for (List<HttpCookie> named : request.getCookies().values()) {
				for (HttpCookie cookie : named) {
					cookies.add(cookie.getName() + "=" + cookie.getValue());
				}
			}
			echo.put("cookies", cookies);
			echo.put("principal", principal);
			echo.put("failure", String.valueOf(exchange.<Object>getAttribute(JwtRequestFlow.FAILURE_ATTRIBUTE)));
			return echo;
		}

	}

	@RestController
	static class CanaryController {

		@GetMapping(path = { "/api/greeting", "/lenient/greeting", "/disabled/greeting" },
				headers = "x-company=solo.io")
		String greeting(@RequestHeader("X-Company") String company) {
			return "canary for " + company;
		}

	}

	@RestController
	static class PrimaryController {

		@GetMapping({ "/api/greeting", "/lenient/greeting", "/disabled/greeting" })
		String greeting() {
			return "primary";
		}

	}

}
