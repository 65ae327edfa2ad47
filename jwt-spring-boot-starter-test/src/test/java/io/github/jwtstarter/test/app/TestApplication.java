package io.github.jwtstarter.test.app;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application under test of the module's own tests: a few endpoints that show what
 * the starter made of a request, with {@code @PreAuthorize} on a write and on a service.
 */
@SpringBootApplication
public class TestApplication {

	@RestController
	public static class PetsController {

		private final OrgService orgs;

		PetsController(OrgService orgs) {
			this.orgs = orgs;
		}

		@GetMapping("/api/pets")
		List<String> pets() {
			return List.of("Fido", "Tom");
		}

		@PostMapping("/api/pets")
		@ResponseStatus(HttpStatus.CREATED)
		@PreAuthorize("hasAuthority('SCOPE_pets.write')")
		String addPet() {
			return "added";
		}

		@GetMapping("/whoami")
		Map<String, Object> whoAmI(@RequestHeader(name = "x-company", required = false) @Nullable String company) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			String provider = (authentication instanceof ProviderJwtAuthenticationToken token) ? token.getProviderId()
					: "none";
			String tenant = (authentication instanceof ProviderJwtAuthenticationToken token
					&& token.getTenant() != null) ? token.getTenant() : "none";
			return Map.of("name", authentication.getName(), "provider", provider, "tenant", tenant, "authorities",
					authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList(),
					"company", (company != null) ? company : "none");
		}

		@GetMapping("/public/hello")
		String hello() {
			return "hello " + SecurityContextHolder.getContext().getAuthentication().getName();
		}

		@GetMapping("/partners/orders")
		String partnerOrders() {
			return "orders";
		}

		@GetMapping("/org")
		String org() {
			return this.orgs.soloIoOnly();
		}

	}

	@Service
	public static class OrgService {

		@PreAuthorize("@jwt.claim('org') == 'solo.io'")
		public String soloIoOnly() {
			return "solo.io";
		}

		@PreAuthorize("hasAuthority('SCOPE_pets.write')")
		public String writePets() {
			return "written";
		}

	}

}
