package io.github.jwtstarter.benchmarks.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /hello}: a small constant body, so the benchmark measures the request path.
 */
@RestController
class HelloController {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

}
