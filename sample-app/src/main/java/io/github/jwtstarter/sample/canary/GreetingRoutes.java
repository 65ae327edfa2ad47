package io.github.jwtstarter.sample.canary;

import io.github.jwtstarter.routing.servlet.JwtRequestPredicates;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Routing style 2: a WebMvc.fn {@link RouterFunction} that tests the verified token
 * directly with {@link JwtRequestPredicates}; the second route is the mandatory
 * catch-all. Needs no {@code claims-to-headers}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("canary")
class GreetingRoutes {

	private static final String STYLE = "router-function";

	@Bean
	RouterFunction<ServerResponse> greetingRouter() {
		return RouterFunctions.route()
			.GET("/api/greeting/fn", JwtRequestPredicates.claim("org", "solo.io"),
					(request) -> greet("canary", request))
			.GET("/api/greeting/fn", (request) -> greet("primary", request))
			.build();
	}

	private static ServerResponse greet(String build, ServerRequest request) {
		return ServerResponse.ok().body(new Greeting(build, STYLE, request.headers().firstHeader("x-company")));
	}

}
