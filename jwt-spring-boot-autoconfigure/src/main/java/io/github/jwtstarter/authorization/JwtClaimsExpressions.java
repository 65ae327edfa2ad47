package io.github.jwtstarter.authorization;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.ClaimPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * Claim helpers for SpEL, registered as the bean named {@code jwt}, so that
 * {@code @PreAuthorize} reads claims without casting the principal:
 * <pre class="code">
 * &#64;PreAuthorize("&#64;jwt.claim('org') == 'solo.io'")
 * &#64;PreAuthorize("&#64;jwt.hasClaim('groups', 'admins')")
 * &#64;PreAuthorize("&#64;jwt.provider('kube') and &#64;jwt.hasClaim('realm_access.roles', 'admin')")
 * &#64;PreAuthorize("&#64;jwt.tenant('acme')")
 * </pre>
 * Each method reads the current {@link Authentication}; without a JWT authentication
 * (anonymous, another kind of login) claims are absent and every check is
 * {@code false}. Claim names are claim paths ({@link ClaimPaths}).
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
		return (token != null) ? ClaimPaths.resolve(token.getTokenAttributes(), path) : null;
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
	 * Returns whether the current token's claim is the string {@code value}, or a list
	 * containing that string. Other types (numbers, booleans, maps) never match; compare
	 * them with {@link #claim(String)}.
	 * @param path the claim path
	 * @param value the expected value
	 * @return whether the claim equals or contains the value
	 */
	public boolean hasClaim(String path, String value) {
		Object claim = claim(path);
		if (claim instanceof String string) {
			return string.equals(value);
		}
		if (claim instanceof Collection<?> values) {
			for (Object element : values) {
				if (element instanceof String string && string.equals(value)) {
					return true;
				}
			}
		}
		return false;
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
