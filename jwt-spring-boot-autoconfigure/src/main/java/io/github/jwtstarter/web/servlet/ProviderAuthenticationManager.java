package io.github.jwtstarter.web.servlet;

import java.util.function.Predicate;

import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Authenticates bearer tokens of one issuer with the starter's verifier, for a
 * {@code SecurityFilterChain} of your own that uses Spring Security's resource server
 * (through the {@code JwtIssuerAuthenticationManagerResolver} bean). The servlet twin of
 * {@code ProviderReactiveAuthenticationManager}. Tokens reach it as bearer tokens: a
 * DPoP-bound token is rejected, a certificate-bound one needs the current request's TLS
 * client certificate. A rejection is an {@link InvalidBearerTokenException} with the
 * starter's short description.
 */
public final class ProviderAuthenticationManager implements AuthenticationManager {

	private final JwtVerifier verifier;

	private final Predicate<JwtProvider> admissible;

	/**
	 * Creates a manager for the tokens of one issuer.
	 * @param verifier the verifier
	 * @param issuer the issuer whose provider verifies the tokens
	 */
	public ProviderAuthenticationManager(JwtVerifier verifier, String issuer) {
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.hasText(issuer, "issuer cannot be empty");
		this.verifier = verifier;
		this.admissible = (provider) -> provider.getIssuer().equals(issuer);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		try {
			return this.verifier.verify(token, this.admissible,
					TokenPresentation.bearer(
							(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
									? ServletTokenRequest.clientCertificate(attributes.getRequest()) : null))
				.authentication();
		}
		catch (JwtVerificationException ex) {
			throw new InvalidBearerTokenException(ex.getFailure().description(), ex);
		}
	}

}
