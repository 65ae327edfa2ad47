package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A principal of an RBAC policy: a JWT-authenticated caller whose claims satisfy ALL of
 * the principal's {@link ClaimMatcher}s, optionally only when the token was verified by
 * a given provider, or by a given tenant of a multi-tenant provider. Anything other than a
 * {@link JwtAuthenticationToken} (anonymous, another kind of login) never matches; a
 * provider-bound or tenant-bound principal matches only a
 * {@link ProviderJwtAuthenticationToken} of that provider or tenant.
 */
public final class RbacPrincipal {

	private final @Nullable String provider;

	private final @Nullable String tenant;

	private final List<ClaimMatcher> claims;

	/**
	 * Creates a principal.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param claims the conditions, all of which must hold; empty only with a provider
	 * (any token of that provider matches)
	 */
	public RbacPrincipal(@Nullable String provider, List<ClaimMatcher> claims) {
		this(provider, null, claims);
	}

	/**
	 * Creates a principal that may be bound to a tenant of a multi-tenant provider.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param tenant the tenant whose tokens are accepted, or {@code null} for any
	 * @param claims the conditions, all of which must hold; empty only with a provider or
	 * a tenant
	 */
	public RbacPrincipal(@Nullable String provider, @Nullable String tenant, List<ClaimMatcher> claims) {
		Assert.notNull(claims, "claims cannot be null");
		Assert.isTrue(provider != null || tenant != null || !claims.isEmpty(),
				"a principal needs a provider or at least one claim");
		Assert.noNullElements(claims, "claims cannot contain null elements");
		this.provider = provider;
		this.tenant = tenant;
		this.claims = List.copyOf(claims);
	}

	/**
	 * Returns whether the authentication is this principal.
	 * @param authentication the current authentication, if any
	 * @return whether it matches
	 */
	public boolean matches(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
			return false;
		}
		if (this.provider != null && !(token instanceof ProviderJwtAuthenticationToken verified
				&& this.provider.equals(verified.getProviderId()))) {
			return false;
		}
		if (this.tenant != null && !(token instanceof ProviderJwtAuthenticationToken verified
				&& this.tenant.equals(verified.getTenant()))) {
			return false;
		}
		Map<String, Object> attributes = token.getTokenAttributes();
		for (ClaimMatcher claim : this.claims) {
			if (!claim.matches(attributes)) {
				return false;
			}
		}
		return true;
	}

	public @Nullable String getProvider() {
		return this.provider;
	}

	public @Nullable String getTenant() {
		return this.tenant;
	}

	public List<ClaimMatcher> getClaims() {
		return this.claims;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RbacPrincipal that && Objects.equals(this.provider, that.provider)
				&& Objects.equals(this.tenant, that.tenant) && this.claims.equals(that.claims));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.provider, this.tenant, this.claims);
	}

	@Override
	public String toString() {
		return "RbacPrincipal[provider=" + ((this.provider != null) ? this.provider : "any")
				+ ((this.tenant != null) ? ", tenant=" + this.tenant : "") + ", claims=" + this.claims + "]";
	}

}
