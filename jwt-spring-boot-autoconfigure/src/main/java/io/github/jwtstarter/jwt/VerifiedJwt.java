package io.github.jwtstarter.jwt;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified token, the provider that verified it, and its Authentication.
 *
 * @param provider the verifying provider
 * @param jwt the verified token
 * @param authentication the Authentication made from it
 */
public record VerifiedJwt(JwtProvider provider, Jwt jwt, AbstractAuthenticationToken authentication) {

}
