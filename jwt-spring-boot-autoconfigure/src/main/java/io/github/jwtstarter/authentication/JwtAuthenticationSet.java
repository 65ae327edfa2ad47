package io.github.jwtstarter.authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.jwt.VerifiedJwt;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * The Authentication of a request on a route with a requirement set ({@code all-of}): a
 * valid token of each listed provider. It is the first provider's token (the principal:
 * its name, its claims for {@code @jwt} and the predicates) with the authorities of all
 * of them, and it gives each provider's token by id ({@link #byProvider(String)}), which
 * an RBAC principal naming that provider is matched against.
 */
public final class JwtAuthenticationSet extends ProviderJwtAuthenticationToken {

	private final Map<String, JwtAuthenticationToken> byProvider;

	/**
	 * Creates the Authentication of a requirement set.
	 * @param verified the verified tokens, the principal's first
	 */
	public JwtAuthenticationSet(List<VerifiedJwt> verified) {
		this(verified, primary(verified));
	}

	private JwtAuthenticationSet(List<VerifiedJwt> verified, VerifiedJwt primary) {
		super(primary.jwt(), authorities(verified), primary.authentication().getName(), primary.provider().getId(),
				primary.provider().getTenant());
		Map<String, JwtAuthenticationToken> byProvider = new LinkedHashMap<>();
		for (VerifiedJwt each : verified) {
			byProvider.put(each.provider().getId(),
					(each.authentication() instanceof JwtAuthenticationToken token) ? token
							: new ProviderJwtAuthenticationToken(each.jwt(), each.authentication().getAuthorities(),
									each.authentication().getName(), each.provider().getId(),
									each.provider().getTenant()));
		}
		this.byProvider = Collections.unmodifiableMap(byProvider);
		setDetails(Map.of("provider", primary.provider().getId(), "providers", List.copyOf(byProvider.keySet())));
	}

	private static VerifiedJwt primary(List<VerifiedJwt> verified) {
		Assert.notEmpty(verified, "verified cannot be empty");
		return verified.get(0);
	}

	private static Collection<GrantedAuthority> authorities(List<VerifiedJwt> verified) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		verified.forEach((each) -> authorities.addAll(each.authentication().getAuthorities()));
		return new ArrayList<>(authorities);
	}

	/**
	 * Returns the token a provider of the set verified.
	 * @param providerId the provider id
	 * @return its Authentication, or {@code null} when the provider is not in the set
	 */
	public @Nullable JwtAuthenticationToken byProvider(String providerId) {
		return this.byProvider.get(providerId);
	}

	/**
	 * Returns the ids of the providers of the set, the principal's first.
	 * @return the provider ids
	 */
	public Set<String> getProviderIds() {
		return this.byProvider.keySet();
	}

}
