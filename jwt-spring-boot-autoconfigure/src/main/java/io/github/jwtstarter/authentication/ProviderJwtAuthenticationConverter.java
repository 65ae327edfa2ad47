package io.github.jwtstarter.authentication;

import java.util.Collection;

import io.github.jwtstarter.jwt.ClaimPath;
import io.github.jwtstarter.jwt.IssuerTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.util.Assert;

/**
 * Turns a provider's verified {@link Jwt} into a {@link ProviderJwtAuthenticationToken}:
 * the name is the principal claim (falling back to {@code sub}), the authorities come
 * from the provider's authorities converter, and for a multi-tenant provider the tenant
 * is the one its issuer template takes from the token's {@code iss}.
 */
public final class ProviderJwtAuthenticationConverter implements Converter<Jwt, ProviderJwtAuthenticationToken> {

	private final String providerId;

	private final ClaimPath principalClaim;

	private final Converter<Jwt, ? extends Collection<GrantedAuthority>> authoritiesConverter;

	private final @Nullable IssuerTemplate issuerTemplate;

	public ProviderJwtAuthenticationConverter(String providerId, String principalClaim,
			Converter<Jwt, ? extends Collection<GrantedAuthority>> authoritiesConverter) {
		this(providerId, null, principalClaim, authoritiesConverter);
	}

	/**
	 * Creates a converter for a provider, multi-tenant when it has an issuer template.
	 * @param providerId the provider's id
	 * @param issuerTemplate the issuer template of a multi-tenant provider, or
	 * {@code null}
	 * @param principalClaim the claim path of the principal's name
	 * @param authoritiesConverter the claim-to-authority converter
	 */
	public ProviderJwtAuthenticationConverter(String providerId, @Nullable IssuerTemplate issuerTemplate,
			String principalClaim, Converter<Jwt, ? extends Collection<GrantedAuthority>> authoritiesConverter) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.hasText(principalClaim, "principalClaim cannot be empty");
		Assert.notNull(authoritiesConverter, "authoritiesConverter cannot be null");
		this.providerId = providerId;
		this.issuerTemplate = issuerTemplate;
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
		String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
		String tenant = (this.issuerTemplate != null && issuer != null) ? this.issuerTemplate.tenant(issuer) : null;
		return new ProviderJwtAuthenticationToken(jwt, (authorities != null) ? authorities : java.util.List.of(),
				(name != null) ? name.toString() : "", this.providerId, tenant);
	}

}
