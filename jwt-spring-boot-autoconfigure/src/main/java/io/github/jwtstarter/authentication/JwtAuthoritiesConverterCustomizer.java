package io.github.jwtstarter.authentication;

import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Lets an application replace or extend a provider's claim-to-authority converter. Beans
 * of this type are applied in order.
 */
@FunctionalInterface
public interface JwtAuthoritiesConverterCustomizer {

	/**
	 * Returns the converter to use for a provider.
	 * @param providerId the provider id
	 * @param converter the converter built from the properties (or by an earlier
	 * customizer)
	 * @return the converter to use
	 */
	Converter<Jwt, Collection<GrantedAuthority>> customize(String providerId,
			Converter<Jwt, Collection<GrantedAuthority>> converter);

}
