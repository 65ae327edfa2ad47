package io.github.jwtstarter.sample;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows what the starter made of the request's token.
 */
@RestController
class WhoAmIController {

	/**
	 * Request attribute holding the id of the provider that verified the token.
	 */
	static final String PROVIDER_ATTRIBUTE = "io.github.jwtstarter.provider";

	@GetMapping("/whoami")
	WhoAmI whoAmI(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return new WhoAmI(false, null, null, List.of(), Map.of());
		}
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
		Map<String, Object> claims = (authentication instanceof JwtAuthenticationToken jwt) ? jwt.getToken().getClaims()
				: Map.of();
		return new WhoAmI(true, authentication.getName(), providerId(request), authorities, claims);
	}

	private static @Nullable String providerId(HttpServletRequest request) {
		Object providerId = request.getAttribute(PROVIDER_ATTRIBUTE);
		return (providerId != null) ? providerId.toString() : null;
	}

	record WhoAmI(boolean authenticated, @Nullable String name, @Nullable String provider, List<String> authorities,
			Map<String, Object> claims) {
	}

}
