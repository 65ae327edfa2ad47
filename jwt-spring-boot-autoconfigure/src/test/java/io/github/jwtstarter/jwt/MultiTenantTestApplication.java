package io.github.jwtstarter.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * A small application for real-HTTP tests of multi-tenant providers, on either web stack
 * ({@code spring.main.web-application-type}): full auto-configuration, an echo endpoint
 * that answers with the provider, tenant and name of the Authentication and the values of
 * the request headers the starter shapes, endpoints guarded by {@code @jwt.tenant}, and
 * {@code /routed} routes chosen by the tenant predicates of either stack.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MultiTenantTestApplication {

	/**
	 * Request headers the echo answers with.
	 */
	static final List<String> SHAPED_HEADERS = List.of("x-tenant", "x-jwt-payload", "x-company");

	static Map<String, Object> echo(@Nullable Authentication authentication, Function<String, List<String>> headers) {
		Map<String, Object> body = new LinkedHashMap<>();
		boolean authenticated = authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
		body.put("authenticated", authenticated);
		if (authentication instanceof ProviderJwtAuthenticationToken token && authenticated) {
			body.put("name", token.getName());
			body.put("provider", token.getProviderId());
			body.put("tenant", token.getTenant());
		}
		Map<String, List<String>> shaped = new LinkedHashMap<>();
		for (String header : SHAPED_HEADERS) {
			shaped.put(header, headers.apply(header));
		}
		body.put("headers", shaped);
		return body;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		RouterFunction<org.springframework.web.servlet.function.ServerResponse> tenantRoutes() {
			return org.springframework.web.servlet.function.RouterFunctions.route()
				.GET("/routed", io.github.jwtstarter.routing.servlet.JwtRequestPredicates.tenant("acme"),
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("acme build"))
				.GET("/routed",
						(request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("shared build"))
				.build();
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletEchoController {

		@RequestMapping({ "/echo/**", "/public/**", "/acme/**" })
		Map<String, Object> echo(HttpServletRequest request) {
			return MultiTenantTestApplication.echo(SecurityContextHolder.getContext().getAuthentication(),
					(name) -> java.util.Collections.list(request.getHeaders(name)));
		}

		@GetMapping("/secured/acme")
		@PreAuthorize("@jwt.tenant('acme')")
		String acme() {
			return "acme";
		}

		@GetMapping("/secured/tenant")
		@PreAuthorize("@jwt.tenant() != null")
		String tenant() {
			return "tenant";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveConfiguration {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<ServerResponse> tenantRoutes() {
			return RouterFunctions.route()
				.GET("/routed", io.github.jwtstarter.routing.reactive.JwtRequestPredicates.tenant("acme"),
						(request) -> ServerResponse.ok().bodyValue("acme build"))
				.GET("/routed", (request) -> ServerResponse.ok().bodyValue("shared build"))
				.build();
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEchoController {

		@RequestMapping({ "/echo/**", "/public/**", "/acme/**" })
		Mono<Map<String, Object>> echo(ServerHttpRequest request) {
			Function<String, List<String>> headers = (name) -> request.getHeaders().getOrEmpty(name);
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.map((authentication) -> MultiTenantTestApplication.echo(authentication, headers))
				.switchIfEmpty(Mono.fromSupplier(() -> MultiTenantTestApplication.echo(null, headers)));
		}

		@GetMapping("/secured/acme")
		@PreAuthorize("@jwt.tenant('acme')")
		Mono<String> acme() {
			return Mono.just("acme");
		}

		@GetMapping("/secured/tenant")
		@PreAuthorize("@jwt.tenant() != null")
		Mono<String> tenant() {
			return Mono.just("tenant");
		}

	}

}
