package io.github.jwtstarter.routing.reactive;

import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.web.reactive.JwtAuthentications;
import io.github.jwtstarter.routing.JwtCondition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link ServerWebExchangeMatcher}s on the request's verified JWT, the same tests as
 * {@link JwtRequestPredicates}, for {@code authorizeExchange} rules and for
 * {@code DelegatingReactiveAuthorizationManager}:
 *
 * <pre class="code">
 * http.authorizeExchange((exchanges) -&gt; exchanges
 *     .matchers(JwtServerWebExchangeMatchers.claim("org", "solo.io")).permitAll()
 *     .anyExchange().denyAll());
 * </pre>
 *
 * They read the Authentication of the reactive security context (else the one the
 * starter's {@link io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter} put on
 * the exchange), so they work where authorization is decided (after authentication), not
 * as a {@code securityMatcher}. Compose them with Spring Security's
 * {@code ServerWebExchangeMatchers} and {@code NegatedServerWebExchangeMatcher}. The
 * matchers are immutable values.
 *
 * @see JwtRequestPredicates
 */
public final class JwtServerWebExchangeMatchers {

	private JwtServerWebExchangeMatchers() {
	}

	/**
	 * Matches when the claim, or one element of a list claim, equals the value, compared
	 * as text: the {@code text} comparison of "Claim conditions" in
	 * docs/access-control.md, as the gateway's {@code JwtClaim} and
	 * {@code @jwt.hasClaim(name, value)}.
	 * @param name the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher claim(String name, String value) {
		return new JwtExchangeMatcher(JwtCondition.claim(name, value));
	}

	/**
	 * Matches when the claim satisfies the condition, of any comparison, e.g.
	 * {@code claim(ClaimCondition.of("email_verified", ClaimComparison.BOOLEAN, "true"))}.
	 * @param condition the condition
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher claim(ClaimCondition condition) {
		return new JwtExchangeMatcher(JwtCondition.claim(condition));
	}

	/**
	 * Matches when the token has the claim.
	 * @param name the claim path
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher hasClaim(String name) {
		return new JwtExchangeMatcher(JwtCondition.hasClaim(name));
	}

	/**
	 * Matches when the claim, or one element of a list claim, matches the regular
	 * expression as a whole.
	 * @param name the claim path
	 * @param regex the regular expression
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher claimMatches(String name, String regex) {
		return new JwtExchangeMatcher(JwtCondition.claimMatches(name, regex));
	}

	/**
	 * Matches when the token was verified by the provider.
	 * @param id the provider id, a key under {@code jwt.providers}
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher provider(String id) {
		return new JwtExchangeMatcher(JwtCondition.provider(id));
	}

	/**
	 * Matches when the token was verified by the tenant of a multi-tenant provider (the
	 * part of its {@code iss} in place of the issuer's {@code {tenant}} placeholder).
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher tenant(String tenant) {
		return new JwtExchangeMatcher(JwtCondition.tenant(tenant));
	}

	/**
	 * Matches when the verified JWT's Authentication holds the authority, as mapped by
	 * the provider's {@code authorities} (for example {@code SCOPE_pets.read}).
	 * @param authority the authority name
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher authority(String authority) {
		return new JwtExchangeMatcher(JwtCondition.authority(authority));
	}

	/**
	 * Matches when the request carries a verified JWT.
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher authenticated() {
		return new JwtExchangeMatcher(JwtCondition.authenticated());
	}

	private static final class JwtExchangeMatcher implements ServerWebExchangeMatcher {

		private final JwtCondition condition;

		JwtExchangeMatcher(JwtCondition condition) {
			Assert.notNull(condition, "condition cannot be null");
			this.condition = condition;
		}

		@Override
		public Mono<MatchResult> matches(ServerWebExchange exchange) {
			return JwtAuthentications.of(exchange)
				.map(this.condition::test)
				.defaultIfEmpty(false)
				.flatMap((matches) -> matches ? MatchResult.match() : MatchResult.notMatch());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof JwtExchangeMatcher that && this.condition.equals(that.condition);
		}

		@Override
		public int hashCode() {
			return this.condition.hashCode();
		}

		@Override
		public String toString() {
			return "JwtServerWebExchangeMatcher [" + this.condition + "]";
		}

	}

}
