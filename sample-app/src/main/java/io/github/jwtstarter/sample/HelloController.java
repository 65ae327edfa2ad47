package io.github.jwtstarter.sample;

import java.util.Map;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint: {@code /public/**} allows requests without a token
 * ({@code validation-policy: allow-missing} in {@code application.yml}).
 */
@RestController
class HelloController {

	@GetMapping("/public/hello")
	Map<String, String> hello() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
		return Map.of("message", "Hello, " + (anonymous ? "stranger" : authentication.getName()) + "!");
	}

}
