package io.github.jwtstarter.test.web;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.github.jwtstarter.test.web.reactive.JwtWebTestClient.withJwt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WebFluxTest} of a reactive controller gets the starter's reactive chain, routes
 * and RBAC: test tokens go through real verification and the policy of the access-control
 * guide (only svc-a of the kube provider may GET /api/pets), sent with
 * {@code JwtWebTestClient.withJwt} where each provider reads them.
 */
@WebFluxTest(controllers = WebFluxSliceTests.PetsController.class,
		properties = { "jwt.rbac.policies.pets-readers.permissions.paths=/api/pets/**",
				"jwt.rbac.policies.pets-readers.permissions.methods=GET",
				"jwt.rbac.policies.pets-readers.principals[0].provider=kube",
				"jwt.rbac.policies.pets-readers.principals[0].claims.sub=system:serviceaccount:default:svc-a",
				"jwt.rbac.policies.partner-orders.permissions.paths=/partners/**",
				"jwt.rbac.policies.partner-orders.principals[0].provider=partner",
				"jwt.rbac.policies.partner-orders.principals[0].claims.sub=bob" })
@AutoConfigureJwtTestTokens
class WebFluxSliceTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	@Autowired
	WebTestClient client;

	@Autowired
	JwtTestTokens tokens;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
	}

	@Test
	void sliceContainsTheStartersReactiveChain() {
		assertThat(this.context.getBeansOfType(SecurityWebFilterChain.class))
			.containsOnlyKeys("jwtSecurityWebFilterChain");
	}

	@Test
	void requestWithoutTokenIsRejectedWith401() {
		this.client.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	@Test
	void policyPrincipalGets200() {
		this.client.mutateWith(withJwt(this.tokens.provider("kube").subject(SVC_A)))
			.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0]")
			.isEqualTo("Fido");
	}

	@Test
	void anotherSubjectIsDeniedWith403ByThePolicy() {
		this.client.mutateWith(withJwt(this.tokens.provider("kube").subject("system:serviceaccount:default:svc-b")))
			.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", error_description=\"access denied\"")
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("access denied by jwt.rbac");
	}

	@Test
	void expiredTestTokenIsRejectedWith401() {
		this.client.mutateWith(withJwt(this.tokens.provider("kube").subject(SVC_A).expired()))
			.get()
			.uri("/api/pets")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\"expired\"");
	}

	@Test
	void tokenIsSentWhereItsProviderReadsItAndVerifiedInTheSlice() {
		this.client.mutateWith(withJwt(this.tokens.provider("partner").subject("bob")))
			.get()
			.uri("/partners/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("bob")
			.jsonPath("$.provider")
			.isEqualTo("partner");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@Import(PetsController.class)
	static class SliceTestApplication {

	}

	@RestController
	static class PetsController {

		@GetMapping("/api/pets")
		List<String> pets() {
			return List.of("Fido", "Tom");
		}

		@GetMapping("/partners/whoami")
		Mono<Map<String, String>> whoAmI() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> (ProviderJwtAuthenticationToken) context.getAuthentication())
				.map((authentication) -> Map.of("name", authentication.getName(), "provider",
						authentication.getProviderId()));
		}

	}

}
