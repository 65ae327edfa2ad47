package io.github.jwtstarter.sample.reactive;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.web.JwtRequestFlow;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Shows what the starter made of the request's token.
 */
@RestController
class WhoAmIController {

	@GetMapping("/whoami")
	Mono<WhoAmI> whoAmI(ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> !(authentication instanceof AnonymousAuthenticationToken)
					&& authentication.isAuthenticated())
			.map((authentication) -> whoAmI(authentication, exchange))
			.defaultIfEmpty(new WhoAmI(false, null, null, List.of(), Map.of()));
	}

	private static WhoAmI whoAmI(Authentication authentication, ServerWebExchange exchange) {
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
		Map<String, Object> claims = (authentication instanceof JwtAuthenticationToken jwt) ? jwt.getToken().getClaims()
				: Map.of();
		return new WhoAmI(true, authentication.getName(), exchange.getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE),
				authorities, claims);
	}

	record WhoAmI(boolean authenticated, @Nullable String name, @Nullable String provider, List<String> authorities,
			Map<String, Object> claims) {
	}

}
