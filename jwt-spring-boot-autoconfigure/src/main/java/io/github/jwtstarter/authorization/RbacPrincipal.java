package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.jwtstarter.authentication.JwtAuthenticationSet;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A principal of an RBAC policy: a JWT-authenticated caller whose claims satisfy ALL of
 * the principal's {@link ClaimMatcher}s and NONE of its excluding ones
 * ({@code not-claims}, as Istio's {@code notValues}), optionally only when the token was
 * verified by a given provider, or by a given tenant of a multi-tenant provider. A
 * provider-bound or tenant-bound principal matches only a
 * {@link ProviderJwtAuthenticationToken} of that provider or tenant. On a route with a
 * requirement set ({@code all-of}) the request carries a {@link JwtAuthenticationSet}: a
 * principal with a provider is matched against that provider's token of the set, one
 * without against the principal's (the first provider's) token.
 * <p>
 * A caller without a verified JWT (anonymous, another kind of login) has no claims: it
 * never matches a principal with a provider, a tenant or claims, and matches a principal
 * made of exclusions only ("everyone without these claims"), so that a deny policy
 * excluding admins denies anonymous callers too.
 */
public final class RbacPrincipal {

	private final @Nullable String provider;

	private final @Nullable String tenant;

	private final List<ClaimMatcher> claims;

	private final List<ClaimMatcher> notClaims;

	/**
	 * Creates a principal without exclusions.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param claims the conditions, all of which must hold; empty only with a provider
	 * (any token of that provider matches)
	 */
	public RbacPrincipal(@Nullable String provider, List<ClaimMatcher> claims) {
		this(provider, null, claims, List.of());
	}

	/**
	 * Creates a principal.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param claims the conditions, all of which must hold
	 * @param notClaims the excluding conditions, none of which may hold
	 */
	public RbacPrincipal(@Nullable String provider, List<ClaimMatcher> claims, List<ClaimMatcher> notClaims) {
		this(provider, null, claims, notClaims);
	}

	/**
	 * Creates a principal that may be bound to a tenant of a multi-tenant provider.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param tenant the tenant whose tokens are accepted, or {@code null} for any
	 * @param claims the conditions, all of which must hold
	 * @param notClaims the excluding conditions, none of which may hold
	 */
	public RbacPrincipal(@Nullable String provider, @Nullable String tenant, List<ClaimMatcher> claims,
			List<ClaimMatcher> notClaims) {
		Assert.notNull(claims, "claims cannot be null");
		Assert.notNull(notClaims, "notClaims cannot be null");
		Assert.isTrue(provider != null || tenant != null || !claims.isEmpty() || !notClaims.isEmpty(),
				"a principal needs a provider or at least one claim");
		Assert.noNullElements(claims, "claims cannot contain null elements");
		Assert.noNullElements(notClaims, "notClaims cannot contain null elements");
		this.provider = provider;
		this.tenant = tenant;
		this.claims = List.copyOf(claims);
		this.notClaims = List.copyOf(notClaims);
	}

	/**
	 * Returns whether the authentication is this principal.
	 * @param authentication the current authentication, if any
	 * @return whether it matches
	 */
	public boolean matches(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
			// no claims to show: only a principal made of exclusions matches
			return this.provider == null && this.tenant == null && this.claims.isEmpty();
		}
		JwtAuthenticationToken subject = token;
		if (this.provider != null && token instanceof JwtAuthenticationSet set) {
			// a requirement set: the principal names which of its tokens it is matched
			// against
			subject = set.byProvider(this.provider);
			if (subject == null) {
				return false;
			}
		}
		else if (this.provider != null && !(token instanceof ProviderJwtAuthenticationToken verified
				&& this.provider.equals(verified.getProviderId()))) {
			return false;
		}
		if (this.tenant != null && !(subject instanceof ProviderJwtAuthenticationToken verified
				&& this.tenant.equals(verified.getTenant()))) {
			return false;
		}
		Map<String, Object> attributes = subject.getTokenAttributes();
		for (ClaimMatcher claim : this.claims) {
			if (!claim.matches(attributes)) {
				return false;
			}
		}
		for (ClaimMatcher excluded : this.notClaims) {
			if (excluded.matches(attributes)) {
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

	public List<ClaimMatcher> getNotClaims() {
		return this.notClaims;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RbacPrincipal that && Objects.equals(this.provider, that.provider)
				&& Objects.equals(this.tenant, that.tenant) && this.claims.equals(that.claims)
				&& this.notClaims.equals(that.notClaims));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.provider, this.tenant, this.claims, this.notClaims);
	}

	@Override
	public String toString() {
		return "RbacPrincipal[provider=" + ((this.provider != null) ? this.provider : "any")
				+ ((this.tenant != null) ? ", tenant=" + this.tenant : "") + ", claims=" + this.claims
				+ (this.notClaims.isEmpty() ? "" : ", notClaims=" + this.notClaims) + "]";
	}

}
