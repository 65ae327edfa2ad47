package io.github.jwtstarter.authentication;

import java.util.Collection;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A {@link JwtAuthenticationToken} that also tells which provider verified the token. Its
 * details name that provider ({@code {provider=<id>}}), which Spring Boot's audit events
 * of authentication successes record.
 */
public class ProviderJwtAuthenticationToken extends JwtAuthenticationToken {

	private final String providerId;

	public ProviderJwtAuthenticationToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name,
			String providerId) {
		super(jwt, authorities, name);
		Assert.hasText(providerId, "providerId cannot be empty");
		this.providerId = providerId;
		setDetails(Map.of("provider", providerId));
	}

	/**
	 * Returns the id of the provider that verified the token.
	 * @return the provider id
	 */
	public String getProviderId() {
		return this.providerId;
	}

}
