package io.github.jwtstarter.authentication;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A {@link JwtAuthenticationToken} that also tells which provider verified the token and,
 * for a multi-tenant provider, the tenant its issuer named. Its details name both
 * ({@code {provider=<id>}}, plus {@code tenant=<tenant>} for a tenant), which Spring
 * Boot's audit events of authentication successes record.
 */
public class ProviderJwtAuthenticationToken extends JwtAuthenticationToken {

	private final String providerId;

	private final @Nullable String tenant;

	public ProviderJwtAuthenticationToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name,
			String providerId) {
		this(jwt, authorities, name, providerId, null);
	}

	/**
	 * Creates a token verified by a provider, or by one tenant of a multi-tenant
	 * provider.
	 * @param jwt the verified token
	 * @param authorities the authorities
	 * @param name the principal's name
	 * @param providerId the id of the provider that verified the token
	 * @param tenant the tenant the token's issuer named, or {@code null}
	 */
	public ProviderJwtAuthenticationToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name,
			String providerId, @Nullable String tenant) {
		super(jwt, authorities, name);
		Assert.hasText(providerId, "providerId cannot be empty");
		this.providerId = providerId;
		this.tenant = tenant;
		setDetails(
				(tenant != null) ? Map.of("provider", providerId, "tenant", tenant) : Map.of("provider", providerId));
	}

	/**
	 * Returns the id of the provider that verified the token.
	 * @return the provider id
	 */
	public String getProviderId() {
		return this.providerId;
	}

	/**
	 * Returns the tenant of a token verified by a multi-tenant provider (an issuer with a
	 * {@code {tenant}} placeholder): the part of the token's {@code iss} in place of the
	 * placeholder, e.g. {@code acme} for {@code https://kc.example.com/realms/acme}.
	 * @return the tenant, or {@code null} for a provider that is not multi-tenant
	 */
	public @Nullable String getTenant() {
		return this.tenant;
	}

}
