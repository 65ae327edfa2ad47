package io.github.jwtstarter.gateway.webflux;

import io.github.jwtstarter.web.reactive.JwtAuthentications;
import io.github.jwtstarter.gateway.JwtGatewayArguments;
import io.github.jwtstarter.routing.JwtCondition;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The JWT route predicates of Spring Cloud Gateway Server WebFlux for its Java DSL, the
 * same tests as the YAML predicates {@code JwtClaim}, {@code JwtClaimRegex},
 * {@code JwtProvider}, {@code JwtTenant}, {@code JwtAuthority} and
 * {@code JwtAuthenticated}:
 *
 * <pre class="code">
 * builder.routes()
 *     .route("canary", (r) -&gt; r.path("/greeting").and().asyncPredicate(jwtClaim("org", "solo.io"))
 *         .uri("http://canary:8080"))
 *     .build();
 * </pre>
 *
 * Each tests the token that the starter verified, read from the reactive security context
 * (else from the exchange attribute the starter's web filter sets), never the raw
 * request; a request without a verified token passes none of them. The predicates are
 * immutable values.
 *
 * @see JwtGatewayArguments
 */
public final class JwtGatewayPredicates {

	private JwtGatewayPredicates() {
	}

	/**
	 * {@code JwtClaim=claim,value}: the claim, or one element of a list claim, equals the
	 * value.
	 * @param claim the claim path
	 * @param value the expected value
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtClaim(String claim, String value) {
		return new JwtAsyncPredicate(JwtGatewayArguments.CLAIM, JwtCondition.claim(claim, value));
	}

	/**
	 * {@code JwtClaimRegex=claim,regex}: the claim, or one element of a list claim,
	 * matches the regular expression as a whole.
	 * @param claim the claim path
	 * @param regex the regular expression
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtClaimRegex(String claim, String regex) {
		return new JwtAsyncPredicate(JwtGatewayArguments.CLAIM_REGEX, JwtCondition.claimMatches(claim, regex));
	}

	/**
	 * {@code JwtProvider=provider}: the token was verified by the provider.
	 * @param provider the provider id, a key under {@code jwt.providers}
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtProvider(String provider) {
		return new JwtAsyncPredicate(JwtGatewayArguments.PROVIDER, JwtCondition.provider(provider));
	}

	/**
	 * {@code JwtTenant=tenant}: the token was verified by the tenant of a multi-tenant
	 * provider.
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtTenant(String tenant) {
		return new JwtAsyncPredicate(JwtGatewayArguments.TENANT, JwtCondition.tenant(tenant));
	}

	/**
	 * {@code JwtAuthority=authority}: the verified token's Authentication holds the
	 * authority.
	 * @param authority the authority, e.g. {@code SCOPE_pets.read}
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtAuthority(String authority) {
		return new JwtAsyncPredicate(JwtGatewayArguments.AUTHORITY, JwtCondition.authority(authority));
	}

	/**
	 * {@code JwtAuthenticated=}: the request carries a verified token.
	 * @return the predicate
	 */
	public static AsyncPredicate<ServerWebExchange> jwtAuthenticated() {
		return new JwtAsyncPredicate(JwtGatewayArguments.AUTHENTICATED, JwtCondition.authenticated());
	}

	static JwtCondition condition(AsyncPredicate<ServerWebExchange> predicate) {
		return ((JwtAsyncPredicate) predicate).condition;
	}

	private static final class JwtAsyncPredicate implements AsyncPredicate<ServerWebExchange> {

		private final String name;

		private final JwtCondition condition;

		JwtAsyncPredicate(String name, JwtCondition condition) {
			Assert.notNull(condition, "condition cannot be null");
			this.name = name;
			this.condition = condition;
		}

		@Override
		public Publisher<Boolean> apply(ServerWebExchange exchange) {
			return JwtAuthentications.of(exchange).map(this.condition::test).defaultIfEmpty(false);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof JwtAsyncPredicate that && this.condition.equals(that.condition);
		}

		@Override
		public int hashCode() {
			return this.condition.hashCode();
		}

		@Override
		public String toString() {
			return this.name + " [" + this.condition + "]";
		}

	}

}
