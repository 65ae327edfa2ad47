package io.github.jwtstarter.authorization.servlet;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.jwtstarter.authorization.ClaimMatchers;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.authorization.RbacPrincipal;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.test.TestAuthentications;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RbacAuthorizationManagerTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final RbacPolicy PETS_READERS = new RbacPolicy("pets-readers", List.of("/api/pets/**"), Set.of("GET"),
			List.of(new RbacPrincipal("kube", List.of(ClaimMatchers.exactString("sub", SVC_A)))));

	static final JwtRoutes ROUTES = new JwtRoutes(List.of(
			new JwtRoute(List.of("/health/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of(), true),
			new JwtRoute(List.of("/public/**"), Set.of(), ValidationPolicy.ALLOW_MISSING, Set.of(), false),
			new JwtRoute(List.of("/optional/**"), Set.of(), ValidationPolicy.ALLOW_MISSING_OR_FAILED, Set.of(), false)),
			JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID));

	static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("key", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	static Authentication kube(String subject) {
		return TestAuthentications.authentication("kube", Map.of("sub", subject));
	}

	static boolean granted(RbacAuthorizationManager manager, String method, String path,
			Authentication authentication) {
		return granted(manager, request(method, path), authentication);
	}

	static boolean granted(RbacAuthorizationManager manager, MockHttpServletRequest request,
			Authentication authentication) {
		return manager.authorize(() -> authentication, new RequestAuthorizationContext(request)).isGranted();
	}

	static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setDispatcherType(DispatcherType.REQUEST);
		return request;
	}

	static RbacAuthorizationManager manager(boolean requireRbac, RbacPolicy... policies) {
		return new RbacAuthorizationManager(new RbacRules(List.of(policies), requireRbac, ROUTES));
	}

	@Test
	void authorizeWhenCoveringPolicyHasMatchingPrincipalThenGranted() {
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets", kube(SVC_A))).isTrue();
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets/7", kube(SVC_A))).isTrue();
	}

	@Test
	void authorizeWhenCoveringPolicyHasNoMatchingPrincipalThenDenied() {
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets", kube("svc-b"))).isFalse();
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets",
				TestAuthentications.authentication("corp", Map.of("sub", SVC_A))))
			.isFalse();
	}

	@Test
	void authorizeWhenCorsPreflightThenGrantedWithoutACaller() {
		MockHttpServletRequest preflight = request("OPTIONS", "/api/pets");
		preflight.addHeader("Origin", "https://spa.example");
		preflight.addHeader("Access-Control-Request-Method", "GET");
		assertThat(granted(manager(true, PETS_READERS), preflight, ANONYMOUS)).isTrue();
		MockHttpServletRequest plainOptions = request("OPTIONS", "/api/pets");
		plainOptions.addHeader("Origin", "https://spa.example");
		assertThat(granted(manager(true, PETS_READERS), plainOptions, ANONYMOUS)).isFalse();
	}

	@Test
	void authorizeWhenNoPolicyCoversTheRequestThenDenied() {
		assertThat(granted(manager(false, PETS_READERS), "POST", "/api/pets", kube(SVC_A))).isFalse();
		assertThat(granted(manager(false, PETS_READERS), "GET", "/foo", kube(SVC_A))).isFalse();
	}

	@Test
	void authorizeWhenAnotherCoveringPolicyAllowsThenGranted() {
		RbacPolicy writers = new RbacPolicy("writers", List.of("/api/**"), Set.of(),
				List.of(new RbacPrincipal(null, List.of(ClaimMatchers.exactString("sub", "svc-b")))));
		assertThat(granted(manager(false, PETS_READERS, writers), "GET", "/api/pets", kube("svc-b"))).isTrue();
		assertThat(granted(manager(false, PETS_READERS, writers), "GET", "/api/pets", kube(SVC_A))).isTrue();
		assertThat(granted(manager(false, PETS_READERS, writers), "POST", "/api/pets", kube(SVC_A))).isFalse();
	}

	@Test
	void authorizeWhenNoPoliciesAndRbacNotRequiredThenEverythingIsGrantedWithoutLookingAtTheCaller() {
		RbacAuthorizationManager manager = manager(false);
		assertThat(manager.getRules().isActive()).isFalse();
		AtomicInteger calls = new AtomicInteger();
		Supplier<Authentication> caller = () -> {
			calls.incrementAndGet();
			return ANONYMOUS;
		};
		assertThat(
				manager.authorize(caller, new RequestAuthorizationContext(request("DELETE", "/anything"))).isGranted())
			.isTrue();
		assertThat(calls).hasValue(0);
	}

	@Test
	void authorizeWhenRbacRequiredAndNoPoliciesThenEveryRequestIsDenied() {
		RbacAuthorizationManager manager = manager(true);
		assertThat(manager.getRules().isActive()).isTrue();
		assertThat(granted(manager, "GET", "/api/pets", kube(SVC_A))).isFalse();
		assertThat(granted(manager, "GET", "/public/hello", ANONYMOUS)).isFalse();
	}

	@Test
	void authorizeWhenRouteDisabledThenGranted() {
		assertThat(granted(manager(true), "GET", "/health/live", ANONYMOUS)).isTrue();
		assertThat(granted(manager(false, PETS_READERS), "GET", "/health/live", kube("svc-b"))).isTrue();
	}

	@Test
	void authorizeWhenUncoveredRequestOnRouteAcceptingMissingTokensThenGrantedForAnyone() {
		RbacAuthorizationManager manager = manager(false, PETS_READERS);
		assertThat(granted(manager, "GET", "/public/hello", ANONYMOUS)).isTrue();
		assertThat(granted(manager, "GET", "/public/hello", kube("svc-b"))).isTrue();
		assertThat(granted(manager, "GET", "/optional/x", ANONYMOUS)).isTrue();
	}

	@Test
	void authorizeWhenUncoveredRequestOnRouteAcceptingMissingTokensAndRbacRequiredThenDenied() {
		RbacAuthorizationManager manager = manager(true, PETS_READERS);
		assertThat(granted(manager, "GET", "/public/hello", ANONYMOUS)).isFalse();
		assertThat(granted(manager, "GET", "/public/hello", kube(SVC_A))).isFalse();
	}

	@Test
	void authorizeWhenCoveredRequestOnRouteAcceptingMissingTokensThenPrincipalIsRequired() {
		RbacPolicy publicPets = new RbacPolicy("public-pets", List.of("/public/pets/**"), Set.of(),
				PETS_READERS.getPrincipals());
		RbacAuthorizationManager manager = manager(false, publicPets);
		assertThat(granted(manager, "GET", "/public/pets", ANONYMOUS)).isFalse();
		assertThat(granted(manager, "GET", "/public/pets", kube("svc-b"))).isFalse();
		assertThat(granted(manager, "GET", "/public/pets", kube(SVC_A))).isTrue();
	}

	@Test
	void authorizeWhenAnonymousOnRequireValidRouteThenDenied() {
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets", ANONYMOUS)).isFalse();
		assertThat(granted(manager(false, PETS_READERS), "GET", "/api/pets", null)).isFalse();
	}

	@Test
	void authorizeWhenErrorOrForwardDispatchThenGranted() {
		RbacAuthorizationManager manager = manager(true);
		for (DispatcherType type : List.of(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.INCLUDE,
				DispatcherType.ASYNC)) {
			MockHttpServletRequest request = request("GET", "/error");
			request.setDispatcherType(type);
			assertThat(granted(manager, request, ANONYMOUS)).as(type.name()).isTrue();
		}
	}

	@Test
	void authorizeWhenContextPathThenPoliciesMatchThePathWithinTheApplication() {
		MockHttpServletRequest request = request("GET", "/shop/api/pets");
		request.setContextPath("/shop");
		assertThat(granted(manager(false, PETS_READERS), request, kube(SVC_A))).isTrue();
	}

	@Test
	void constructorWhenPoliciesNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacRules(null, false, ROUTES))
			.withMessage("policies cannot be null");
	}

	@Test
	void constructorWhenRoutesNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RbacRules(List.of(), false, null))
			.withMessage("routes cannot be null");
	}

}
