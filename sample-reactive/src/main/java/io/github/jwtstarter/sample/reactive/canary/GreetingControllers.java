package io.github.jwtstarter.sample.reactive.canary;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing style 1: {@code claims-to-headers} copies the verified {@code org} claim into
 * {@code x-company} (replacing any client-sent value), and
 * {@code @GetMapping(headers=...)} picks the canary handler; the mapping without the
 * condition is the mandatory catch-all.
 */
final class GreetingControllers {

	private static final String STYLE = "request-mapping";

	private GreetingControllers() {
	}

	@RestController
	@Profile("canary")
	static class CanaryGreetingController {

		@GetMapping(path = "/api/greeting", headers = "x-company=solo.io")
		Greeting greeting(@RequestHeader("x-company") String company) {
			return new Greeting("canary", STYLE, company);
		}

	}

	@RestController
	@Profile("canary")
	static class PrimaryGreetingController {

		@GetMapping("/api/greeting")
		Greeting greeting(@RequestHeader(name = "x-company", required = false) @Nullable String company) {
			return new Greeting("primary", STYLE, company);
		}

	}

}
