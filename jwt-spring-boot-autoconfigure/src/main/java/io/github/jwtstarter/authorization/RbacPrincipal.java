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
 * a given provider. Anything other than a {@link JwtAuthenticationToken} (anonymous,
 * another kind of login) never matches; a provider-bound principal matches only a
 * {@link ProviderJwtAuthenticationToken} of that provider.
 */
public final class RbacPrincipal {

	private final @Nullable String provider;

	private final List<ClaimMatcher> claims;

	/**
	 * Creates a principal.
	 * @param provider the id of the provider whose tokens are accepted, or {@code null}
	 * for any provider
	 * @param claims the conditions, all of which must hold; empty only with a provider
	 * (any token of that provider matches)
	 */
	public RbacPrincipal(@Nullable String provider, List<ClaimMatcher> claims) {
		Assert.notNull(claims, "claims cannot be null");
		Assert.isTrue(provider != null || !claims.isEmpty(), "a principal needs a provider or at least one claim");
		Assert.noNullElements(claims, "claims cannot contain null elements");
		this.provider = provider;
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

	public List<ClaimMatcher> getClaims() {
		return this.claims;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RbacPrincipal that && Objects.equals(this.provider, that.provider)
				&& this.claims.equals(that.claims));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.provider, this.claims);
	}

	@Override
	public String toString() {
		return "RbacPrincipal[provider=" + ((this.provider != null) ? this.provider : "any") + ", claims="
				+ this.claims + "]";
	}

}
