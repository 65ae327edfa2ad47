package io.github.jwtstarter.sample.reactive;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint: {@code /public/**} allows requests without a token
 * ({@code validation-policy: allow-missing} in {@code application.yml}).
 */
@RestController
class HelloController {

	@GetMapping("/public/hello")
	Mono<Map<String, String>> hello() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> !(authentication instanceof AnonymousAuthenticationToken))
			.map(Authentication::getName)
			.defaultIfEmpty("stranger")
			.map((name) -> Map.of("message", "Hello, " + name + "!"));
	}

}
