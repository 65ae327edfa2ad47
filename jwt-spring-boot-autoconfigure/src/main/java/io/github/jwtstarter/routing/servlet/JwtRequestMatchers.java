package io.github.jwtstarter.routing.servlet;

import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.web.servlet.JwtAuthentications;
import io.github.jwtstarter.routing.JwtCondition;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * {@link RequestMatcher}s on the request's verified JWT, the same tests as
 * {@link JwtRequestPredicates}, for {@code authorizeHttpRequests} rules and for
 * {@code RequestMatcherDelegatingAuthorizationManager}:
 *
 * <pre class="code">
 * http.authorizeHttpRequests((requests) -&gt; requests
 *     .requestMatchers(JwtRequestMatchers.claim("org", "solo.io")).permitAll()
 *     .anyRequest().denyAll());
 * </pre>
 *
 * They read the Authentication that the JWT filter established, so they work where
 * authorization is decided (after authentication), not as a {@code securityMatcher},
 * which is evaluated before any filter runs. Compose them with Spring Security's
 * {@code RequestMatchers.allOf}, {@code anyOf} and {@code not}. The matchers are
 * immutable values.
 *
 * @see JwtRequestPredicates
 */
public final class JwtRequestMatchers {

	private JwtRequestMatchers() {
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
	public static RequestMatcher claim(String name, String value) {
		return new JwtRequestMatcher(JwtCondition.claim(name, value));
	}

	/**
	 * Matches when the claim satisfies the condition, of any comparison, e.g.
	 * {@code claim(ClaimCondition.of("email_verified", ClaimComparison.BOOLEAN, "true"))}.
	 * @param condition the condition
	 * @return the matcher
	 */
	public static RequestMatcher claim(ClaimCondition condition) {
		return new JwtRequestMatcher(JwtCondition.claim(condition));
	}

	/**
	 * Matches when the token has the claim.
	 * @param name the claim path
	 * @return the matcher
	 */
	public static RequestMatcher hasClaim(String name) {
		return new JwtRequestMatcher(JwtCondition.hasClaim(name));
	}

	/**
	 * Matches when the claim, or one element of a list claim, matches the regular
	 * expression as a whole.
	 * @param name the claim path
	 * @param regex the regular expression
	 * @return the matcher
	 */
	public static RequestMatcher claimMatches(String name, String regex) {
		return new JwtRequestMatcher(JwtCondition.claimMatches(name, regex));
	}

	/**
	 * Matches when the token was verified by the provider.
	 * @param id the provider id, a key under {@code jwt.providers}
	 * @return the matcher
	 */
	public static RequestMatcher provider(String id) {
		return new JwtRequestMatcher(JwtCondition.provider(id));
	}

	/**
	 * Matches when the token was verified by the tenant of a multi-tenant provider (the
	 * part of its {@code iss} in place of the issuer's {@code {tenant}} placeholder).
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return the matcher
	 */
	public static RequestMatcher tenant(String tenant) {
		return new JwtRequestMatcher(JwtCondition.tenant(tenant));
	}

	/**
	 * Matches when the verified JWT's Authentication holds the authority, as mapped by
	 * the provider's {@code authorities} (for example {@code SCOPE_pets.read}).
	 * @param authority the authority name
	 * @return the matcher
	 */
	public static RequestMatcher authority(String authority) {
		return new JwtRequestMatcher(JwtCondition.authority(authority));
	}

	/**
	 * Matches when the request carries a verified JWT.
	 * @return the matcher
	 */
	public static RequestMatcher authenticated() {
		return new JwtRequestMatcher(JwtCondition.authenticated());
	}

	private static final class JwtRequestMatcher implements RequestMatcher {

		private final JwtCondition condition;

		JwtRequestMatcher(JwtCondition condition) {
			Assert.notNull(condition, "condition cannot be null");
			this.condition = condition;
		}

		@Override
		public boolean matches(HttpServletRequest request) {
			return this.condition.test(JwtAuthentications.of(request));
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof JwtRequestMatcher that && this.condition.equals(that.condition);
		}

		@Override
		public int hashCode() {
			return this.condition.hashCode();
		}

		@Override
		public String toString() {
			return "JwtRequestMatcher [" + this.condition + "]";
		}

	}

}
