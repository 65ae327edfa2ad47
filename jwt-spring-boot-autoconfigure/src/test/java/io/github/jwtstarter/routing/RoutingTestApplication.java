package io.github.jwtstarter.routing;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.jwtstarter.routing.servlet.JwtRequestPredicates;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RouterFunctions.route;

/**
 * The application of the claim-routing end-to-end tests: an echo of what the application
 * sees (headers, query, parameters, cookies), the canary guide with
 * {@code @GetMapping(headers=...)}, and the same with a {@code RouterFunction} on
 * {@link JwtRequestPredicates}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RoutingTestApplication.EchoController.class, RoutingTestApplication.CanaryController.class,
		RoutingTestApplication.PrimaryController.class })
class RoutingTestApplication {

	@Bean
	RouterFunction<ServerResponse> greetingRoutes() {
		return route(GET("/fn/greeting").and(JwtRequestPredicates.claim("org", "solo.io")),
				(request) -> ServerResponse.ok().body("canary"))
			.andRoute(GET("/fn/partner").and(JwtRequestPredicates.provider("partner")
				.and(JwtRequestPredicates.claimMatches("email", ".*@solo\\.io"))),
					(request) -> ServerResponse.ok().body("solo partner"))
			.andRoute(GET("/fn/partner").and(JwtRequestPredicates.authenticated()),
					(request) -> ServerResponse.ok().body("someone"))
			.andRoute(GET("/fn/**"), (request) -> ServerResponse.ok().body("primary"));
	}

	@RestController
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
