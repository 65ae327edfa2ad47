package io.github.jwtstarter.gateway.mvc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtGatewayFilterFunctionsTests {

	private final MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/greeting");

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void jwtClaimsToHeadersWhenVerifiedThenSetsRenderedClaimsAndDropsClientValues() throws Exception {
		authenticate(Map.of("org", "solo.io", "groups", List.of("dev", "ops"), "level", 42L));
		this.servletRequest.addHeader("X-Company", "spoofed");
		this.servletRequest.addHeader("x-groups", "admins");
		ServerRequest seen = filter(
				JwtGatewayFilterFunctions.jwtClaimsToHeaders("org:x-company", "groups:x-groups", "level:x-level"));
		assertThat(seen.headers().header("x-company")).containsExactly("solo.io");
		assertThat(seen.headers().header("x-groups")).containsExactly("dev,ops");
		assertThat(seen.headers().header("x-level")).containsExactly("42");
	}

	@Test
	void jwtClaimsToHeadersWhenClaimAbsentThenHeaderIsOnlyRemoved() throws Exception {
		authenticate(Map.of("org", "solo.io"));
		this.servletRequest.addHeader("x-user-email", "spoofed@solo.io");
		ServerRequest seen = filter(JwtGatewayFilterFunctions.jwtClaimsToHeaders("email:x-user-email"));
		assertThat(seen.headers().header("x-user-email")).isEmpty();
	}

	@Test
	void jwtClaimsToHeadersWhenAnonymousThenClientValuesAreRemoved() throws Exception {
		this.servletRequest.addHeader("x-company", "solo.io");
		this.servletRequest.addHeader("x-other", "kept");
		ServerRequest seen = filter(JwtGatewayFilterFunctions.jwtClaimsToHeaders("org:x-company"));
		assertThat(seen.headers().header("x-company")).isEmpty();
		assertThat(seen.headers().header("x-other")).containsExactly("kept");
	}

	@Test
	void jwtClaimsToHeadersWhenClaimHoldsControlCharactersThenHeaderIsNotSet() throws Exception {
		authenticate(Map.of("org", "solo.io\r\nx-admin: true"));
		ServerRequest seen = filter(JwtGatewayFilterFunctions.jwtClaimsToHeaders("org:x-company"));
		assertThat(seen.headers().header("x-company")).isEmpty();
	}

	@Test
	void jwtClaimsToHeadersWhenMappingMalformedThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtGatewayFilterFunctions.jwtClaimsToHeaders("org"));
	}

	private ServerRequest filter(HandlerFilterFunction<ServerResponse, ServerResponse> filter) throws Exception {
		AtomicReference<ServerRequest> seen = new AtomicReference<>();
		filter.filter(ServerRequest.create(this.servletRequest, List.of()), (request) -> {
			seen.set(request);
			return ServerResponse.ok().build();
		});
		return seen.get();
	}

	private static void authenticate(Map<String, Object> claims) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
		SecurityContextHolder.getContext()
			.setAuthentication(new ProviderJwtAuthenticationToken(jwt, List.of(), "alice", "kube"));
	}

}
