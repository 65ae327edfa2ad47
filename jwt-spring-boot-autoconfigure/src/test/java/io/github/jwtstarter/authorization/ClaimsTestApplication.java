package io.github.jwtstarter.authorization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small application for real-HTTP tests of the starter, on either web stack
 * ({@code spring.main.web-application-type}): full auto-configuration (the starter's
 * imports file included), no method security of its own (the starter enables it), a
 * catch-all endpoint that echoes what the starter made of the request, and endpoints
 * guarded by the {@code jwt} SpEL bean and the meta-annotations. Each endpoint has a
 * servlet and a reactive face with the same answers.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ClaimsTestApplication.EchoController.class, ClaimsTestApplication.SecuredController.class,
		ClaimsTestApplication.TeamController.class, ClaimsTestApplication.ReactiveEchoController.class,
		ClaimsTestApplication.ReactiveSecuredController.class, ClaimsTestApplication.ReactiveTeamController.class })
public class ClaimsTestApplication {

	static Map<String, Object> echo(String method, String path, @Nullable Authentication authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("method", method);
		body.put("path", path);
		boolean authenticated = authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
		body.put("authenticated", authenticated);
		if (authenticated) {
			body.put("name", authentication.getName());
			body.put("provider",
					(authentication instanceof ProviderJwtAuthenticationToken token) ? token.getProviderId() : null);
			List<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.toList();
			body.put("authorities", authorities);
		}
		return body;
	}

	static Map<String, Object> pet(String id) {
		if ("missing".equals(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such pet");
		}
		return Map.of("id", id);
	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class EchoController {

		@RequestMapping("/**")
		Map<String, Object> echo(HttpServletRequest request) {
			return ClaimsTestApplication.echo(request.getMethod(), request.getRequestURI(),
					SecurityContextHolder.getContext().getAuthentication());
		}

		@GetMapping("/api/pets/{id}")
		Map<String, Object> pet(@PathVariable String id) {
			return ClaimsTestApplication.pet(id);
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEchoController {

		@RequestMapping("/**")
		Mono<Map<String, Object>> echo(ServerHttpRequest request) {
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.map((authentication) -> ClaimsTestApplication.echo(request.getMethod().name(),
						request.getPath().value(), authentication))
				.switchIfEmpty(Mono.fromSupplier(
						() -> ClaimsTestApplication.echo(request.getMethod().name(), request.getPath().value(), null)));
		}

		@GetMapping("/api/pets/{id}")
		Map<String, Object> pet(@PathVariable String id) {
			return ClaimsTestApplication.pet(id);
		}

	}

	@RestController
	@RequestMapping("/secured")
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class SecuredController {

		@GetMapping("/org")
		@PreAuthorize("@jwt.claim('org') == 'solo.io'")
		String org() {
			return "org";
		}

		@GetMapping("/groups")
		@PreAuthorize("@jwt.hasClaim('groups', 'admins')")
		String groups() {
			return "groups";
		}

		@GetMapping("/kube")
		@PreAuthorize("@jwt.provider('kube')")
		String kube() {
			return "kube";
		}

		@GetMapping("/require-claim")
		@RequireClaim(name = "org", value = "solo.io")
		String requireClaim() {
			return "require-claim";
		}

		@GetMapping("/require-nested")
		@RequireClaim(name = "realm_access.roles", value = "admin")
		String requireNested() {
			return "require-nested";
		}

		@GetMapping("/require-url")
		@RequireClaim(name = "https://example.com/roles", value = "admin")
		String requireUrl() {
			return "require-url";
		}

		@GetMapping("/require-provider")
		@RequireProvider("kube")
		String requireProvider() {
			return "require-provider";
		}

	}

	/**
	 * The same guards on methods returning a {@code Mono}, as reactive method security
	 * requires.
	 */
	@RestController
	@RequestMapping("/secured")
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveSecuredController {

		@GetMapping("/org")
		@PreAuthorize("@jwt.claim('org') == 'solo.io'")
		Mono<String> org() {
			return Mono.just("org");
		}

		@GetMapping("/groups")
		@PreAuthorize("@jwt.hasClaim('groups', 'admins')")
		Mono<String> groups() {
			return Mono.just("groups");
		}

		@GetMapping("/kube")
		@PreAuthorize("@jwt.provider('kube')")
		Mono<String> kube() {
			return Mono.just("kube");
		}

		@GetMapping("/require-claim")
		@RequireClaim(name = "org", value = "solo.io")
		Mono<String> requireClaim() {
			return Mono.just("require-claim");
		}

		@GetMapping("/require-nested")
		@RequireClaim(name = "realm_access.roles", value = "admin")
		Mono<String> requireNested() {
			return Mono.just("require-nested");
		}

		@GetMapping("/require-url")
		@RequireClaim(name = "https://example.com/roles", value = "admin")
		Mono<String> requireUrl() {
			return Mono.just("require-url");
		}

		@GetMapping("/require-provider")
		@RequireProvider("kube")
		Mono<String> requireProvider() {
			return Mono.just("require-provider");
		}

	}

	@RestController
	@RequestMapping("/team")
	@RequireClaim(name = "team", value = "pets")
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class TeamController {

		@GetMapping("/board")
		String board() {
			return "board";
		}

	}

	@RestController
	@RequestMapping("/team")
	@RequireClaim(name = "team", value = "pets")
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveTeamController {

		@GetMapping("/board")
		Mono<String> board() {
			return Mono.just("board");
		}

	}

}
