package io.github.jwtstarter.sample.reactive.canary;

import io.github.jwtstarter.routing.reactive.JwtRequestPredicates;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routing style 2: a WebFlux.fn {@link RouterFunction} that tests the verified token
 * directly with the reactive {@link JwtRequestPredicates}; the second route is the
 * mandatory catch-all. Needs no {@code claims-to-headers}.
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

	private static Mono<ServerResponse> greet(String build, ServerRequest request) {
		return ServerResponse.ok().bodyValue(new Greeting(build, STYLE, request.headers().firstHeader("x-company")));
	}

}
