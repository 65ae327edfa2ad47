package io.github.jwtstarter.authorization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small servlet application for real-HTTP tests of the starter: full
 * auto-configuration (the starter's imports file included), no
 * {@code @EnableMethodSecurity} of its own (the starter enables it), a catch-all
 * endpoint that echoes what the starter made of the request, and endpoints guarded by
 * the {@code jwt} SpEL bean and the meta-annotations.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ClaimsTestApplication.EchoController.class, ClaimsTestApplication.SecuredController.class,
		ClaimsTestApplication.TeamController.class })
public class ClaimsTestApplication {

	@RestController
	static class EchoController {

		@RequestMapping("/**")
		Map<String, Object> echo(HttpServletRequest request) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("method", request.getMethod());
			body.put("path", request.getRequestURI());
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean authenticated = authentication != null && authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken);
			body.put("authenticated", authenticated);
			if (authenticated) {
				body.put("name", authentication.getName());
				body.put("provider", (authentication instanceof ProviderJwtAuthenticationToken token)
						? token.getProviderId() : null);
				List<String> authorities = authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.toList();
				body.put("authorities", authorities);
			}
			return body;
		}

		@GetMapping("/api/pets/{id}")
		Map<String, Object> pet(@PathVariable String id) {
			if ("missing".equals(id)) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such pet");
			}
			return Map.of("id", id);
		}

	}

	@RestController
	@RequestMapping("/secured")
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

	@RestController
	@RequestMapping("/team")
	@RequireClaim(name = "team", value = "pets")
	static class TeamController {

		@GetMapping("/board")
		String board() {
			return "board";
		}

	}

}
