package io.github.jwtstarter.routing;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.routing.reactive.JwtServerWebExchangeMatchers;
import io.github.jwtstarter.routing.servlet.JwtRequestMatchers;
import io.github.jwtstarter.test.TestAuthentications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant test of the route predicates and matchers ({@link JwtCondition#tenant}), for
 * the servlet and the reactive {@code RequestMatcher}s: a token of that tenant of a
 * multi-tenant provider passes; another tenant, a provider that is not multi-tenant and
 * an anonymous request do not.
 */
class TenantConditionTests {

	static ProviderJwtAuthenticationToken tenant(String tenant) {
		return new ProviderJwtAuthenticationToken(TestAuthentications.jwt(Map.of()),
				List.of(new SimpleGrantedAuthority("SCOPE_read")), "alice", "customers", tenant);
	}

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void tenantWhenTheTokenIsOfThatTenantThenPasses() {
		assertThat(JwtCondition.tenant("acme").test(tenant("acme"))).isTrue();
		assertThat(JwtCondition.tenant("acme").test(tenant("globex"))).isFalse();
		assertThat(JwtCondition.tenant("acme").test(TestAuthentications.authentication("corp", Map.of()))).isFalse();
		assertThat(JwtCondition.tenant("acme").test(null)).isFalse();
		assertThat(JwtCondition.tenant("acme")).isEqualTo(JwtCondition.tenant("acme"))
			.isNotEqualTo(JwtCondition.provider("acme"))
			.hasToString("tenant == 'acme'");
	}

	@Test
	void servletMatcherReadsTheTenantOfTheSecurityContext() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		assertThat(JwtRequestMatchers.tenant("acme").matches(request)).isFalse();
		SecurityContextHolder.getContext().setAuthentication(tenant("acme"));
		assertThat(JwtRequestMatchers.tenant("acme").matches(request)).isTrue();
		assertThat(JwtRequestMatchers.tenant("globex").matches(request)).isFalse();
	}

	@Test
	void reactiveMatcherReadsTheTenantOfTheReactiveSecurityContext() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));
		ServerWebExchangeMatcher acme = JwtServerWebExchangeMatchers.tenant("acme");
		assertThat(acme.matches(exchange)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(tenant("acme")))
			.block()
			.isMatch()).isTrue();
		assertThat(acme.matches(exchange)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(tenant("globex")))
			.block()
			.isMatch()).isFalse();
	}

}
