package io.github.jwtstarter.routing.reactive;

import java.util.List;

import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.web.reactive.JwtAuthentications;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import static io.github.jwtstarter.test.TestAuthentications.authentication;
import static io.github.jwtstarter.test.TestAuthentications.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange matchers read the reactive security context, else the exchange attribute
 * the starter's web filter sets, and test what the servlet matchers test.
 */
class JwtServerWebExchangeMatchersTests {

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/greeting"));

	private static boolean matches(ServerWebExchangeMatcher matcher, MockServerWebExchange exchange,
			Authentication authentication) {
		return Boolean.TRUE.equals(matcher.matches(exchange)
			.map(ServerWebExchangeMatcher.MatchResult::isMatch)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication))
			.block());
	}

	@Test
	void authorityWhenTheAuthenticationHoldsItThenMatches() {
		Authentication corp = authentication("corp", claims());
		assertThat(matches(JwtServerWebExchangeMatchers.authority("SCOPE_read"), this.exchange, corp)).isTrue();
		assertThat(matches(JwtServerWebExchangeMatchers.authority("SCOPE_write"), this.exchange, corp)).isFalse();
	}

	@Test
	void claimOfANamedComparisonUsesThatComparison() {
		Authentication corp = authentication("corp", claims());
		assertThat(matches(JwtServerWebExchangeMatchers.claim(ClaimCondition.of("level", ClaimComparison.TEXT, "42")),
				this.exchange, corp))
			.isTrue();
		assertThat(matches(
				JwtServerWebExchangeMatchers.claim(ClaimCondition.of("level", ClaimComparison.EXACT_STRING, "42")),
				this.exchange, corp))
			.isFalse();
		assertThat(matches(JwtServerWebExchangeMatchers.claim("groups", "ops"), this.exchange, corp)).isTrue();
	}

	@Test
	void authenticationIsReadFromTheExchangeAttributeWithoutASecurityContext() {
		this.exchange.getAttributes()
			.put(JwtAuthentications.AUTHENTICATION_ATTRIBUTE, authentication("kube", claims()));
		assertThat(JwtServerWebExchangeMatchers.provider("kube").matches(this.exchange).block().isMatch()).isTrue();
		assertThat(JwtServerWebExchangeMatchers.authority("SCOPE_read").matches(this.exchange).block().isMatch())
			.isTrue();
	}

	@Test
	void anonymousExchangeMatchesNoMatcher() {
		for (ServerWebExchangeMatcher matcher : List.of(JwtServerWebExchangeMatchers.authority("SCOPE_read"),
				JwtServerWebExchangeMatchers.claim("org", "solo.io"), JwtServerWebExchangeMatchers.authenticated())) {
			assertThat(matcher.matches(this.exchange).block().isMatch()).as(matcher.toString()).isFalse();
		}
	}

}
