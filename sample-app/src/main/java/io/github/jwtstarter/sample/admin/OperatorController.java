package io.github.jwtstarter.sample.admin;

import java.security.Principal;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the operator area offers: who is logged in there.
 */
@RestController
class OperatorController {

	@GetMapping("/admin/status")
	Map<String, String> status(Principal operator) {
		return Map.of("operator", operator.getName(), "area", "admin");
	}

}
