package io.github.jwtstarter.gateway.mvc;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;

import io.github.jwtstarter.gateway.JwtGatewayArguments;
import io.github.jwtstarter.routing.servlet.JwtRequestPredicates;

import org.springframework.cloud.gateway.server.mvc.common.Shortcut;
import org.springframework.web.servlet.function.RequestPredicate;

/**
 * The JWT route predicates of Spring Cloud Gateway Server Web MVC, in the style of its
 * {@code GatewayRequestPredicates}: discovered by name for YAML routes
 * ({@code JwtClaim=org,solo.io}, {@code JwtClaimRegex=email,.*@solo\.io},
 * {@code JwtProvider=kube}, {@code JwtTenant=acme}, {@code JwtAuthority=SCOPE_pets.read},
 * {@code JwtAuthenticated=}) and usable in the gateway's Java DSL:
 *
 * <pre class="code">
 * route("canary")
 *     .route(path("/greeting").and(jwtClaim("org", "solo.io")), http())
 *     .before(uri("http://canary:8080"))
 *     .build();
 * </pre>
 *
 * Each one is the {@link JwtRequestPredicates} predicate of the same meaning: it tests
 * the token that the starter verified, read from the security context, never the raw
 * request; a request without a verified token passes none of them.
 *
 * @see JwtGatewayArguments
 */
public final class JwtGatewayRequestPredicates {

	private JwtGatewayRequestPredicates() {
	}

	/**
	 * {@code JwtClaim=claim,value}: the claim, or one element of a list claim, equals the
	 * value.
	 * @param claim the claim path
	 * @param value the expected value
	 * @return the predicate
	 * @see JwtRequestPredicates#claim(String, String)
	 */
	@Shortcut({ "claim", "value" })
	public static RequestPredicate jwtClaim(String claim, String value) {
		return JwtRequestPredicates.claim(claim, value);
	}

	/**
	 * {@code JwtClaimRegex=claim,regex}: the claim, or one element of a list claim,
	 * matches the regular expression as a whole.
	 * @param claim the claim path
	 * @param regex the regular expression
	 * @return the predicate
	 * @see JwtRequestPredicates#claimMatches(String, String)
	 */
	@Shortcut({ "claim", "regex" })
	public static RequestPredicate jwtClaimRegex(String claim, String regex) {
		return JwtRequestPredicates.claimMatches(claim, regex);
	}

	/**
	 * {@code JwtProvider=provider}: the token was verified by the provider.
	 * @param provider the provider id, a key under {@code jwt.providers}
	 * @return the predicate
	 * @see JwtRequestPredicates#provider(String)
	 */
	@Shortcut("provider")
	public static RequestPredicate jwtProvider(String provider) {
		return JwtRequestPredicates.provider(provider);
	}

	/**
	 * {@code JwtTenant=tenant}: the token was verified by the tenant of a multi-tenant
	 * provider.
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return the predicate
	 * @see JwtRequestPredicates#tenant(String)
	 */
	@Shortcut("tenant")
	public static RequestPredicate jwtTenant(String tenant) {
		return JwtRequestPredicates.tenant(tenant);
	}

	/**
	 * {@code JwtAuthority=authority}: the verified token's Authentication holds the
	 * authority.
	 * @param authority the authority, e.g. {@code SCOPE_pets.read}
	 * @return the predicate
	 * @see JwtRequestPredicates#authority(String)
	 */
	@Shortcut("authority")
	public static RequestPredicate jwtAuthority(String authority) {
		return JwtRequestPredicates.authority(authority);
	}

	/**
	 * {@code JwtAuthenticated=}: the request carries a verified token.
	 * @return the predicate
	 * @see JwtRequestPredicates#authenticated()
	 */
	@Shortcut
	public static RequestPredicate jwtAuthenticated() {
		return JwtRequestPredicates.authenticated();
	}

	/**
	 * Offers these predicates to the gateway's discovery of YAML route predicates.
	 */
	public static final class PredicateSupplier
			implements org.springframework.cloud.gateway.server.mvc.predicate.PredicateSupplier {

		@Override
		public Collection<Method> get() {
			return Arrays.asList(JwtGatewayRequestPredicates.class.getMethods());
		}

	}

}
