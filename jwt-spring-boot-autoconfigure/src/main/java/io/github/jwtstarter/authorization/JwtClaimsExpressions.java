package io.github.jwtstarter.authorization;

import java.util.function.Supplier;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.jwt.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * Claim helpers for SpEL, registered as the bean named {@code jwt}, so that
 * {@code @PreAuthorize} reads claims without casting the principal: <pre class="code">
 * &#64;PreAuthorize("&#64;jwt.claim('org') == 'solo.io'")
 * &#64;PreAuthorize("&#64;jwt.hasClaim('groups', 'admins')")
 * &#64;PreAuthorize("&#64;jwt.hasClaim('email_verified', 'boolean', 'true')")
 * &#64;PreAuthorize("&#64;jwt.provider('kube') and &#64;jwt.hasClaim('realm_access.roles', 'admin')")
 * &#64;PreAuthorize("&#64;jwt.tenant('acme')")
 * </pre> Each method reads the current {@link Authentication}; without a JWT
 * authentication (anonymous, another kind of login) claims are absent and every check is
 * {@code false}. Claim names are claim paths ({@link ClaimPath}); values are compared as
 * every other claim check of the starter compares them ({@link ClaimCondition}).
 *
 * @see RequireClaim
 * @see RequireProvider
 */
public final class JwtClaimsExpressions {

	private final Supplier<? extends @Nullable Authentication> authentication;

	public JwtClaimsExpressions(SecurityContextHolderStrategy contextHolderStrategy) {
		Assert.notNull(contextHolderStrategy, "contextHolderStrategy cannot be null");
		this.authentication = () -> contextHolderStrategy.getContext().getAuthentication();
	}

	private JwtClaimsExpressions(@Nullable Authentication authentication) {
		this.authentication = () -> authentication;
	}

	/**
	 * Returns the helpers for one given Authentication rather than the current thread's,
	 * for an evaluation that knows its caller (reactive method security, where no thread
	 * holds the security context).
	 * @param authentication the caller, {@code null} when unknown
	 * @return the helpers reading that Authentication
	 */
	public static JwtClaimsExpressions of(@Nullable Authentication authentication) {
		return new JwtClaimsExpressions(authentication);
	}

	/**
	 * Returns a claim of the current token.
	 * @param path the claim path, e.g. {@code org}, {@code realm_access.roles} or
	 * {@code https://example.com/roles}
	 * @return the claim's value (a string, number, boolean, list or map), or {@code null}
	 * when absent or when the caller is not JWT-authenticated
	 */
	public @Nullable Object claim(String path) {
		JwtAuthenticationToken token = token();
		return (token != null) ? ClaimPath.resolve(token.getTokenAttributes(), path) : null;
	}

	/**
	 * Returns whether the current token has the claim, whatever its value.
	 * @param path the claim path
	 * @return whether the claim is present
	 */
	public boolean hasClaim(String path) {
		return claim(path) != null;
	}

	/**
	 * Returns whether the current token's claim equals the value compared as text, or a
	 * list claim has an element that does ({@link ClaimComparison#TEXT}): the same answer
	 * as a predicate {@code claim(path, value)}, the gateway's {@code JwtClaim} and an
	 * RBAC principal's default matcher, so {@code hasClaim('level', '2')} holds for the
	 * number {@code 2} and {@code hasClaim('admin', 'true')} for the boolean
	 * {@code true}.
	 * @param path the claim path
	 * @param value the expected value
	 * @return whether the claim equals or contains the value
	 */
	public boolean hasClaim(String path, String value) {
		return hasClaim(path, ClaimComparison.TEXT, value);
	}

	/**
	 * Returns whether the current token's claim satisfies a condition of the named
	 * comparison, e.g. {@code hasClaim('email_verified', 'boolean', 'true')}.
	 * @param path the claim path
	 * @param comparison the comparison, as in YAML: {@code text}, {@code typed-equals},
	 * {@code exact-string}, {@code boolean}, {@code list-contains} or {@code regex-match}
	 * @param value the expected value, or the regular expression
	 * @return whether the claim satisfies the condition
	 * @throws IllegalArgumentException if the comparison is unknown, or the value is not
	 * valid for it
	 */
	public boolean hasClaim(String path, String comparison, String value) {
		return hasClaim(path, comparison(comparison), value);
	}

	/**
	 * Returns whether the regular expression matches the current token's claim entirely,
	 * or one element of a list claim ({@link ClaimComparison#REGEX_MATCH}), as a
	 * predicate {@code claimMatches(path, regex)} and the gateway's
	 * {@code JwtClaimRegex}.
	 * @param path the claim path
	 * @param regex the regular expression
	 * @return whether the claim matches
	 */
	public boolean claimMatches(String path, String regex) {
		return hasClaim(path, ClaimComparison.REGEX_MATCH, regex);
	}

	private boolean hasClaim(String path, ClaimComparison comparison, String value) {
		JwtAuthenticationToken token = token();
		return token != null && ClaimCondition.of(path, comparison, value).matches(token.getTokenAttributes());
	}

	private static ClaimComparison comparison(String name) {
		for (ClaimComparison comparison : ClaimComparison.values()) {
			if (comparison.name().equalsIgnoreCase(name.replace('-', '_'))) {
				return comparison;
			}
		}
		throw new IllegalArgumentException("unknown comparison '" + name + "'; use text, typed-equals, "
				+ "exact-string, boolean, list-contains or regex-match");
	}

	/**
	 * Returns whether the current token was verified by the provider.
	 * @param providerId the provider id, a key under {@code jwt.providers}
	 * @return whether that provider verified the token
	 */
	public boolean provider(String providerId) {
		return token() instanceof ProviderJwtAuthenticationToken verified
				&& verified.getProviderId().equals(providerId);
	}

	/**
	 * Returns the tenant of the current token, verified by a multi-tenant provider: the
	 * part of its {@code iss} in place of the issuer's {@code {tenant}} placeholder.
	 * <pre class="code">
	 * &#64;PreAuthorize("&#64;jwt.tenant() == #tenant")
	 * </pre>
	 * @return the tenant, or {@code null} when the provider is not multi-tenant or the
	 * caller is not JWT-authenticated
	 */
	public @Nullable String tenant() {
		return (token() instanceof ProviderJwtAuthenticationToken verified) ? verified.getTenant() : null;
	}

	/**
	 * Returns whether the current token was verified by the given tenant of a
	 * multi-tenant provider.
	 * @param tenant the tenant
	 * @return whether the token's tenant is that one
	 */
	public boolean tenant(String tenant) {
		return tenant != null && tenant.equals(tenant());
	}

	private @Nullable JwtAuthenticationToken token() {
		Authentication authentication = this.authentication.get();
		return (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) ? token : null;
	}

}
