package io.github.jwtstarter.jwt;

import java.util.function.Predicate;

import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Verifies a token with the provider named by its unverified {@code iss}: length cap,
 * one parse, issuer lookup (an unknown issuer is rejected with no network call), the
 * caller's admissibility check (token location, route), then the provider's decoder and
 * Authentication. Repeated tokens are served from the {@link VerifiedTokenCache}, whose
 * hits still have their times checked. Every request, cached or not, then has the
 * provider's checks of sender-constrained tokens run against how it presented the token.
 * {@link #verifyCached} answers the cheap cases alone, so that a non-blocking caller runs
 * only the rest off its event loop.
 */
public final class JwtVerifier {

	private final JwtProviderRegistry registry;

	private final int maxTokenLength;

	private final @Nullable VerifiedTokenCache cache;

	private final JwtVerificationListener listener;

	public JwtVerifier(JwtProviderRegistry registry, int maxTokenLength, @Nullable VerifiedTokenCache cache,
			JwtVerificationListener listener) {
		Assert.notNull(registry, "registry cannot be null");
		Assert.isTrue(maxTokenLength > 0, "maxTokenLength must be positive");
		Assert.notNull(listener, "listener cannot be null");
		this.registry = registry;
		this.maxTokenLength = maxTokenLength;
		this.cache = cache;
		this.listener = listener;
	}

	/**
	 * Verifies a token presented as a bearer token over a connection without a client
	 * certificate: a sender-constrained token is rejected.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @return the verified token
	 * @throws JwtVerificationException when the token is rejected
	 */
	public VerifiedJwt verify(String token, Predicate<JwtProvider> admissible) {
		return verify(token, admissible, TokenPresentation.bearer(null));
	}

	/**
	 * Verifies a token and checks that the request holds what the token is bound to.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @param presentation how the request presented the token
	 * @return the verified token
	 * @throws JwtVerificationException when the token is rejected
	 */
	public VerifiedJwt verify(String token, Predicate<JwtProvider> admissible, TokenPresentation presentation) {
		VerifiedJwt verified = verify(token, admissible, presentation, true);
		Assert.state(verified != null, "a full verification has a result");
		return verified;
	}

	/**
	 * Answers what can be answered without key retrieval, signature checks or any other
	 * possibly blocking work: a token that is too long, or one found in the verified-token
	 * cache (whose times, admissibility and sender constraints are still checked). A
	 * non-blocking web layer calls this on its event loop and {@link #verify} elsewhere
	 * only when this returns {@code null}.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @param presentation how the request presented the token
	 * @return the verified token, or {@code null} when a full verification is needed
	 * @throws JwtVerificationException when the token is rejected
	 */
	public @Nullable VerifiedJwt verifyCached(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation) {
		return verify(token, admissible, presentation, false);
	}

	/**
	 * {@link #verifyCached(String, Predicate, TokenPresentation)} for a plain bearer token.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @return the verified token, or {@code null} when a full verification is needed
	 * @throws JwtVerificationException when the token is rejected
	 */
	public @Nullable VerifiedJwt verifyCached(String token, Predicate<JwtProvider> admissible) {
		return verifyCached(token, admissible, TokenPresentation.bearer(null));
	}

	private @Nullable VerifiedJwt verify(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation, boolean full) {
		long start = System.nanoTime();
		JwtProvider provider = null;
		boolean cached = false;
		try {
			if (token.length() > this.maxTokenLength) {
				throw new JwtVerificationException(JwtFailure.TOO_LARGE);
			}
			VerifiedJwt verified = (this.cache != null) ? this.cache.get(token) : null;
			if (verified != null) {
				cached = true;
				provider = verified.provider();
				checkCached(token, verified, admissible);
			}
			else if (!full) {
				return null;
			}
			else {
				SignedJWT parsed = JwtTokenParser.parse(token);
				String issuer = JwtTokenParser.issuer(parsed);
				provider = this.registry.byIssuer(issuer);
				if (provider == null) {
					UnknownIssuerLog.debug(issuer, this.registry);
					throw new JwtVerificationException(JwtFailure.UNKNOWN_ISSUER);
				}
				if (!admissible.test(provider)) {
					throw new JwtVerificationException(JwtFailure.PROVIDER_NOT_ALLOWED);
				}
				long generation = (this.cache != null) ? this.cache.generation() : 0;
				verified = verifyWith(provider, token, parsed);
				if (this.cache != null) {
					this.cache.put(token, verified, generation);
				}
			}
			provider.getSenderConstraints().check(verified.jwt(), presentation);
			this.listener.onVerification(provider, null, cached, System.nanoTime() - start);
			return verified;
		}
		catch (JwtVerificationException ex) {
			this.listener.onVerification(provider, ex.getFailure(), cached, System.nanoTime() - start);
			throw ex;
		}
	}

	private void checkCached(String token, VerifiedJwt verified, Predicate<JwtProvider> admissible) {
		JwtFailure failure = verified.provider().getTimeValidator().check(verified.jwt());
		if (failure != null) {
			this.cache.invalidate(token);
			throw new JwtVerificationException(failure);
		}
		if (!admissible.test(verified.provider())) {
			throw new JwtVerificationException(JwtFailure.PROVIDER_NOT_ALLOWED);
		}
	}

	private static VerifiedJwt verifyWith(JwtProvider provider, String token, SignedJWT parsed) {
		Jwt jwt = provider.decoder().decode(token, parsed);
		AbstractAuthenticationToken authentication;
		try {
			authentication = provider.getAuthenticationConverter().convert(jwt);
		}
		catch (RuntimeException ex) {
			throw new JwtVerificationException(JwtFailure.INVALID, ex);
		}
		if (authentication == null) {
			throw new JwtVerificationException(JwtFailure.INVALID);
		}
		return new VerifiedJwt(provider, jwt, authentication);
	}

}
