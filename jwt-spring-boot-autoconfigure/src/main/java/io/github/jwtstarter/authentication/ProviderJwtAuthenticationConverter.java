package io.github.jwtstarter.authentication;

import java.util.Collection;

import io.github.jwtstarter.jwt.ClaimPath;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Turns a provider's verified {@link Jwt} into a {@link ProviderJwtAuthenticationToken}:
 * the name is the principal claim (falling back to {@code sub}), the authorities come
 * from the provider's authorities converter.
 */
public final class ProviderJwtAuthenticationConverter implements Converter<Jwt, ProviderJwtAuthenticationToken> {

	private final String providerId;

	private final ClaimPath principalClaim;

	private final Converter<Jwt, ? extends Collection<GrantedAuthority>> authoritiesConverter;

	public ProviderJwtAuthenticationConverter(String providerId, String principalClaim,
			Converter<Jwt, ? extends Collection<GrantedAuthority>> authoritiesConverter) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.hasText(principalClaim, "principalClaim cannot be empty");
		Assert.notNull(authoritiesConverter, "authoritiesConverter cannot be null");
		this.providerId = providerId;
		this.principalClaim = ClaimPath.of(principalClaim);
		this.authoritiesConverter = authoritiesConverter;
	}

	@Override
	public ProviderJwtAuthenticationToken convert(Jwt jwt) {
		Object name = this.principalClaim.resolve(jwt.getClaims());
		if (name == null || name instanceof java.util.Map || name instanceof Collection) {
			name = jwt.getSubject();
		}
		Collection<GrantedAuthority> authorities = this.authoritiesConverter.convert(jwt);
		return new ProviderJwtAuthenticationToken(jwt, (authorities != null) ? authorities : java.util.List.of(),
				(name != null) ? name.toString() : "", this.providerId);
	}

}
