package io.github.jwtstarter.routing.servlet;

import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.web.servlet.JwtAuthentications;
import io.github.jwtstarter.routing.JwtCondition;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * {@link RequestPredicate}s on the request's verified JWT, for WebMvc.fn
 * {@code RouterFunction} routes. Compose them with {@code and}, {@code or} and
 * {@code negate}, and end a set of claim-based routes with a catch-all:
 *
 * <pre class="code">
 * route(GET("/api/greeting").and(JwtRequestPredicates.claim("org", "solo.io")), canary::greet)
 *     .andRoute(GET("/api/greeting"), primary::greet);
 * </pre>
 *
 * A claim is named by a claim path (a top-level name, else dot-separated nested keys);
 * its text form is compared (strings as is, numbers and booleans as text, objects as
 * compact JSON), and a list claim passes when one of its elements does. A request without
 * a verified JWT passes none of these predicates (but their negations). The predicates
 * are immutable values.
 *
 * @see JwtRequestMatchers
 */
public final class JwtRequestPredicates {

	private JwtRequestPredicates() {
	}

	/**
	 * Matches when the claim, or one element of a list claim, equals the value, compared
	 * as text: the {@code text} comparison of "Claim conditions" in
	 * docs/access-control.md, as the gateway's {@code JwtClaim} and
	 * {@code @jwt.hasClaim(name, value)}.
	 * @param name the claim path
	 * @param value the expected value
	 * @return the predicate
	 */
	public static RequestPredicate claim(String name, String value) {
		return new JwtPredicate(JwtCondition.claim(name, value));
	}

	/**
	 * Matches when the claim satisfies the condition, of any comparison, e.g.
	 * {@code claim(ClaimCondition.of("email_verified", ClaimComparison.BOOLEAN, "true"))}.
	 * @param condition the condition
	 * @return the predicate
	 */
	public static RequestPredicate claim(ClaimCondition condition) {
		return new JwtPredicate(JwtCondition.claim(condition));
	}

	/**
	 * Matches when the token has the claim.
	 * @param name the claim path
	 * @return the predicate
	 */
	public static RequestPredicate hasClaim(String name) {
		return new JwtPredicate(JwtCondition.hasClaim(name));
	}

	/**
	 * Matches when the claim, or one element of a list claim, matches the regular
	 * expression as a whole.
	 * @param name the claim path
	 * @param regex the regular expression
	 * @return the predicate
	 */
	public static RequestPredicate claimMatches(String name, String regex) {
		return new JwtPredicate(JwtCondition.claimMatches(name, regex));
	}

	/**
	 * Matches when the token was verified by the provider.
	 * @param id the provider id, a key under {@code jwt.providers}
	 * @return the predicate
	 */
	public static RequestPredicate provider(String id) {
		return new JwtPredicate(JwtCondition.provider(id));
	}

	/**
	 * Matches when the token was verified by the tenant of a multi-tenant provider (the
	 * part of its {@code iss} in place of the issuer's {@code {tenant}} placeholder).
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return the predicate
	 */
	public static RequestPredicate tenant(String tenant) {
		return new JwtPredicate(JwtCondition.tenant(tenant));
	}

	/**
	 * Matches when the verified JWT's Authentication holds the authority, as mapped by
	 * the provider's {@code authorities} (for example {@code SCOPE_pets.read}).
	 * @param authority the authority name
	 * @return the predicate
	 */
	public static RequestPredicate authority(String authority) {
		return new JwtPredicate(JwtCondition.authority(authority));
	}

	/**
	 * Matches when the request carries a verified JWT.
	 * @return the predicate
	 */
	public static RequestPredicate authenticated() {
		return new JwtPredicate(JwtCondition.authenticated());
	}

	private static final class JwtPredicate implements RequestPredicate {

		private final JwtCondition condition;

		JwtPredicate(JwtCondition condition) {
			Assert.notNull(condition, "condition cannot be null");
			this.condition = condition;
		}

		@Override
		public boolean test(ServerRequest request) {
			return this.condition.test(JwtAuthentications.of(request.servletRequest()));
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof JwtPredicate that && this.condition.equals(that.condition);
		}

		@Override
		public int hashCode() {
			return this.condition.hashCode();
		}

		@Override
		public String toString() {
			return "jwt." + this.condition;
		}

	}

}
