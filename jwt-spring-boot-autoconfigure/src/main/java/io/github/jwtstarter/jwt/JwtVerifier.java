package io.github.jwtstarter.jwt;

import java.util.function.Predicate;

import com.nimbusds.jwt.SignedJWT;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Verifies a token with the provider named by its unverified {@code iss}: length cap, one
 * parse, issuer lookup (exact issuers by map, then the templates of multi-tenant
 * providers, whose tenant's provider verifies; an unknown issuer is rejected with no
 * network call), the caller's admissibility check (token location, route), then the
 * provider's decoder and Authentication. Repeated tokens are served from the
 * {@link VerifiedTokenCache}, whose hits still have their times checked. Every request,
 * cached or not, then has the provider's checks of sender-constrained tokens run against
 * how it presented the token. {@link #verifyCached} answers the cheap cases alone, so
 * that a non-blocking caller runs only the rest off its event loop.
 * <p>
 * Each verification that is not a cache hit is a Micrometer {@link Observation} named
 * {@value #OBSERVATION_NAME} (a span in the request's trace under Micrometer Tracing),
 * tagged {@code jwt.provider} (the provider id, {@code none} when no provider has the
 * token's issuer), {@code outcome} ({@code success} or {@code failure}) and
 * {@code reason} ({@code none} or a {@link JwtFailure#tag()}); tag values come from fixed
 * sets and configured ids, never from the token. Cache hits are not observed, and nothing
 * is with the no-op registry.
 * <p>
 * A DPoP proof whose provider shares its replay store with other replicas
 * ({@code replay-store: redis}) is recorded in that store last: {@link #verify} and
 * {@link #verifyCached} wait for it, {@link #verifyRequest} and
 * {@link #verifyCachedRequest} leave it to the caller as a {@link DPoPReplayCheck}, so
 * that a non-blocking caller waits for the store without blocking.
 */
public final class JwtVerifier {

	private final JwtProviderRegistry registry;

	private final int maxTokenLength;

	private final @Nullable VerifiedTokenCache cache;

	/** Name of the observation of a verification that is not a cache hit. */
	public static final String OBSERVATION_NAME = "jwt.verification";

	private final JwtVerificationListener listener;

	private final ObservationRegistry observations;

	public JwtVerifier(JwtProviderRegistry registry, int maxTokenLength, @Nullable VerifiedTokenCache cache,
			JwtVerificationListener listener) {
		this(registry, maxTokenLength, cache, listener, ObservationRegistry.NOOP);
	}

	/**
	 * Creates a verifier whose verifications that are not cache hits are observed.
	 * @param registry the providers
	 * @param maxTokenLength the longest accepted token
	 * @param cache the verified-token cache, or {@code null}
	 * @param listener told of every verification
	 * @param observations the registry of the observations;
	 * {@link ObservationRegistry#NOOP} observes nothing
	 */
	public JwtVerifier(JwtProviderRegistry registry, int maxTokenLength, @Nullable VerifiedTokenCache cache,
			JwtVerificationListener listener, ObservationRegistry observations) {
		Assert.notNull(registry, "registry cannot be null");
		Assert.notNull(observations, "observations cannot be null");
		this.observations = observations;
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
		return recorded(verifyRequest(token, admissible, presentation));
	}

	/**
	 * Verifies a token and checks that the request holds what the token is bound to, but
	 * leaves the recording of a DPoP proof's id in the provider's shared replay store to
	 * the caller.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @param presentation how the request presented the token
	 * @return the verified token, with the replay check still to run before the request
	 * may be trusted (when the provider has a shared replay store)
	 * @throws JwtVerificationException when the token is rejected
	 */
	public VerifiedRequest verifyRequest(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation) {
		VerifiedRequest verified = verify(token, admissible, presentation, true);
		Assert.state(verified != null, "a full verification has a result");
		return verified;
	}

	/**
	 * Answers what can be answered without key retrieval, signature checks or any other
	 * possibly blocking work: a token that is too long, or one found in the
	 * verified-token cache (whose times, admissibility and sender constraints are still
	 * checked). A non-blocking web layer calls {@link #verifyCachedRequest} on its event
	 * loop instead, since this method waits for a shared replay store.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @param presentation how the request presented the token
	 * @return the verified token, or {@code null} when a full verification is needed
	 * @throws JwtVerificationException when the token is rejected
	 */
	public @Nullable VerifiedJwt verifyCached(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation) {
		VerifiedRequest verified = verifyCachedRequest(token, admissible, presentation);
		return (verified != null) ? recorded(verified) : null;
	}

	/**
	 * Answers what can be answered without key retrieval, signature checks or any other
	 * possibly blocking work, as
	 * {@link #verifyCached(String, Predicate, TokenPresentation)} does, leaving the
	 * recording of a DPoP proof's id in the provider's shared replay store to the caller.
	 * A non-blocking web layer calls this on its event loop and {@link #verifyRequest}
	 * elsewhere only when this returns {@code null}.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @param presentation how the request presented the token
	 * @return the verified token with the replay check still to run (when the provider
	 * has a shared replay store), or {@code null} when a full verification is needed
	 * @throws JwtVerificationException when the token is rejected
	 */
	public @Nullable VerifiedRequest verifyCachedRequest(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation) {
		return verify(token, admissible, presentation, false);
	}

	/**
	 * {@link #verifyCached(String, Predicate, TokenPresentation)} for a plain bearer
	 * token.
	 * @param token the compact token
	 * @param admissible whether the provider may be used for this token here
	 * @return the verified token, or {@code null} when a full verification is needed
	 * @throws JwtVerificationException when the token is rejected
	 */
	public @Nullable VerifiedJwt verifyCached(String token, Predicate<JwtProvider> admissible) {
		return verifyCached(token, admissible, TokenPresentation.bearer(null));
	}

	private static VerifiedJwt recorded(VerifiedRequest verified) {
		if (verified.replayCheck() != null) {
			verified.replayCheck().record();
		}
		return verified.verified();
	}

	private @Nullable VerifiedRequest verify(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation, boolean full) {
		long start = System.nanoTime();
		JwtProvider provider = null;
		boolean cached = false;
		Observation observation = null;
		Observation.Scope scope = null;
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
				if (!this.observations.isNoop()) {
					observation = Observation.createNotStarted(OBSERVATION_NAME, this.observations)
						.contextualName("jwt verification")
						.start();
					scope = observation.openScope();
				}
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
			DPoPReplayCheck.Pending pending = provider.getSenderConstraints().check(verified.jwt(), presentation);
			if (observation != null) {
				stop(observation, scope, provider, null);
			}
			if (pending != null) {
				// the outcome is the store's: reported when it answers
				JwtProvider verifying = provider;
				boolean hit = cached;
				return new VerifiedRequest(verified, new DPoPReplayCheck(pending, provider, (failure) -> this.listener
					.onVerification(verifying, failure, null, hit, System.nanoTime() - start)));
			}
			this.listener.onVerification(provider, null, null, cached, System.nanoTime() - start);
			return new VerifiedRequest(verified, null);
		}
		catch (JwtVerificationException ex) {
			this.listener.onVerification(provider, ex.getFailure(), ex.getReason(), cached, System.nanoTime() - start);
			if (observation != null) {
				stop(observation, scope, provider, ex.getFailure());
			}
			throw ex.of(provider);
		}
		catch (RuntimeException | Error ex) {
			if (observation != null) {
				observation.error(ex);
				stop(observation, scope, provider, JwtFailure.INVALID);
			}
			throw ex;
		}
	}

	private static void stop(Observation observation, Observation.@Nullable Scope scope, @Nullable JwtProvider provider,
			@Nullable JwtFailure failure) {
		observation.lowCardinalityKeyValue("jwt.provider", (provider != null) ? provider.getId() : "none")
			.lowCardinalityKeyValue("outcome", (failure != null) ? "failure" : "success")
			.lowCardinalityKeyValue("reason", (failure != null) ? failure.tag() : "none");
		if (scope != null) {
			scope.close();
		}
		observation.stop();
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
