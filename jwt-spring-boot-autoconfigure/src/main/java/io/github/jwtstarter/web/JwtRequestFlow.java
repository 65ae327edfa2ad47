package io.github.jwtstarter.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import io.github.jwtstarter.authentication.FailedJwtAuthentication;
import io.github.jwtstarter.jwt.DPoPReplayCheck;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.jwt.VerifiedRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.Assert;

/**
 * The request flow of every web stack, written once: a {@link TokenRequest} in, a
 * {@link JwtOutcome} out. It finds the request's route ({@code jwt.routes}) and token
 * (every configured location), refuses cross-site requests authenticated only by a
 * cookie, verifies the token with the provider its issuer names (that provider must
 * accept the token's location and be allowed on the route), applies the route's
 * validation policy and publishes Spring Security's authentication events. Any failure
 * of token processing becomes an outcome, never an exception.
 * <p>
 * A servlet filter calls {@link #authenticate}; a non-blocking one calls {@link #begin}
 * on its event loop, which answers everything that needs no key retrieval or signature
 * check (a missing token, a cached token, a malformed one), and runs
 * {@link Attempt#complete()} elsewhere only when a full verification is needed. When the
 * provider shares its DPoP replay store with other replicas, both leave a
 * {@link JwtOutcome.AwaitingReplayCheck}, which the non-blocking filter completes with
 * {@link #recordProofAsync} (the store's answer, without blocking);
 * {@link #authenticate} waits for it itself.
 */
public final class JwtRequestFlow {

	/**
	 * Request (exchange) attribute holding the {@link JwtFailure} of a token that failed
	 * on a route whose policy is {@code allow-missing-or-failed}: the request continues
	 * anonymously, without the token, and the application can still tell why.
	 */
	public static final String FAILURE_ATTRIBUTE = "io.github.jwtstarter.failure";

	/**
	 * Request (exchange) attribute holding the id of the provider that verified the
	 * token.
	 */
	public static final String PROVIDER_ATTRIBUTE = "io.github.jwtstarter.provider";

	private static final Log logger = LogFactory.getLog(JwtRequestFlow.class);

	private final JwtRoutes routes;

	private final TokenResolver tokenResolver;

	private final JwtVerifier verifier;

	private final @Nullable AuthenticationEventPublisher events;

	/**
	 * Creates the flow.
	 * @param routes the routes
	 * @param tokenResolver where tokens are read
	 * @param verifier the verifier
	 * @param events where authentication events are published, {@code null} for none
	 */
	public JwtRequestFlow(JwtRoutes routes, TokenResolver tokenResolver, JwtVerifier verifier,
			@Nullable AuthenticationEventPublisher events) {
		Assert.notNull(routes, "routes cannot be null");
		Assert.notNull(tokenResolver, "tokenResolver cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		this.routes = routes;
		this.tokenResolver = tokenResolver;
		this.verifier = verifier;
		this.events = events;
	}

	/**
	 * Decides a request, verifying its token fully when needed (which may block on a key
	 * retrieval).
	 * @param request the request
	 * @return the outcome
	 */
	public JwtOutcome authenticate(TokenRequest request) {
		Attempt attempt = begin(request);
		JwtOutcome outcome = attempt.decided();
		outcome = (outcome != null) ? outcome : attempt.complete();
		return (outcome instanceof JwtOutcome.AwaitingReplayCheck awaiting) ? recordProof(awaiting) : outcome;
	}

	/**
	 * Records the DPoP proof of a verified token in its provider's shared replay store,
	 * waiting for the store (at most its {@code replay-store-timeout}).
	 * @param awaiting the outcome awaiting its replay check
	 * @return {@link JwtOutcome.Authenticated}, or the refusal: a replayed proof is a
	 * failed token, an unavailable store a {@code 503}
	 */
	public JwtOutcome recordProof(JwtOutcome.AwaitingReplayCheck awaiting) {
		try {
			awaiting.replayCheck().record();
		}
		catch (RuntimeException ex) {
			return failed(awaiting.policy(), awaiting.token(), ex, true);
		}
		return authenticated(awaiting.verified(), awaiting.token());
	}

	/**
	 * Records the DPoP proof of a verified token in its provider's shared replay store
	 * without blocking.
	 * @param awaiting the outcome awaiting its replay check
	 * @return completes (never exceptionally) with what {@link #recordProof} returns, on
	 * the thread the store answered on
	 */
	public CompletionStage<JwtOutcome> recordProofAsync(JwtOutcome.AwaitingReplayCheck awaiting) {
		CompletionStage<Void> recorded;
		try {
			recorded = awaiting.replayCheck().recordAsync();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(failed(awaiting.policy(), awaiting.token(), ex, true));
		}
		return recorded.handle((ignored, ex) -> (ex != null)
				? failed(awaiting.policy(), awaiting.token(), DPoPReplayCheck.rejection(ex), true)
				: authenticated(awaiting.verified(), awaiting.token()));
	}

	/**
	 * Decides what can be decided without blocking.
	 * @param request the request
	 * @return the attempt: decided, or waiting for {@link Attempt#complete()}
	 */
	public Attempt begin(TokenRequest request) {
		JwtRoute route = route(request);
		if (route.isDisabled() || isPreflight(request)) {
			return new Attempt(JwtOutcome.Skipped.INSTANCE);
		}
		ValidationPolicy policy = route.getValidationPolicy();
		ResolvedToken token = null;
		TokenPresentation presentation = null;
		try {
			token = this.tokenResolver.resolve(request);
			if (token == null) {
				return new Attempt((policy == ValidationPolicy.REQUIRE_VALID) ? JwtOutcome.Rejected.MISSING
						: JwtOutcome.Anonymous.MISSING);
			}
			if (isCrossSiteWithCookie(request, token)) {
				return new Attempt(JwtOutcome.CrossSiteRefused.INSTANCE);
			}
			presentation = presentation(request, token);
			Verification verification = new Verification(policy, token, presentation, admissible(route, token));
			VerifiedRequest cached = this.verifier.verifyCachedRequest(token.token(), verification.admissible(),
					presentation);
			return (cached != null) ? new Attempt(verified(cached, token, policy)) : new Attempt(verification);
		}
		catch (RuntimeException ex) {
			return new Attempt(failed(policy, token, ex, isDPoP(presentation)));
		}
	}

	/**
	 * Whether a provider may verify the token here: it is allowed on the route and reads
	 * its tokens from every location the token was found in.
	 */
	private Predicate<JwtProvider> admissible(JwtRoute route, ResolvedToken token) {
		return (provider) -> route.allows(provider.getId())
				&& this.tokenResolver.accepts(provider.getId(), token.locations());
	}

	private static boolean isDPoP(@Nullable TokenPresentation presentation) {
		return presentation != null && presentation.scheme() == TokenPresentation.Scheme.DPOP;
	}

	/**
	 * Returns whether the flow verifies a token of this request: its route is not
	 * {@code disabled}, it is no CORS preflight, and it carries a token (or more than one,
	 * which is rejected). Such a request is authenticated by its token or not at all, so
	 * a chain's CSRF protection can leave it to the flow (a cookie token is held to the
	 * cross-site rule).
	 * @param request the request
	 * @return whether a token of the request is verified
	 */
	public boolean verifiesToken(TokenRequest request) {
		JwtRoute route = route(request);
		if (route.isDisabled() || isPreflight(request)) {
			return false;
		}
		try {
			return this.tokenResolver.resolve(request) != null;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private JwtOutcome complete(Verification verification) {
		ResolvedToken token = verification.token();
		try {
			return verified(this.verifier.verifyRequest(token.token(), verification.admissible(),
					verification.presentation()), token, verification.policy());
		}
		catch (RuntimeException ex) {
			return failed(verification.policy(), token, ex, isDPoP(verification.presentation()));
		}
	}

	private JwtOutcome verified(VerifiedRequest verified, ResolvedToken token, ValidationPolicy policy) {
		DPoPReplayCheck replayCheck = verified.replayCheck();
		return (replayCheck != null)
				? new JwtOutcome.AwaitingReplayCheck(verified.verified(), token, replayCheck, policy)
				: authenticated(verified.verified(), token);
	}

	private JwtOutcome authenticated(VerifiedJwt verified, ResolvedToken token) {
		if (this.events != null) {
			this.events.publishAuthenticationSuccess(verified.authentication());
		}
		return new JwtOutcome.Authenticated(verified, token);
	}

	private JwtOutcome failed(ValidationPolicy policy, @Nullable ResolvedToken token, RuntimeException ex,
			boolean dpopScheme) {
		JwtFailure failure;
		String providerId = null;
		if (ex instanceof JwtVerificationException rejected) {
			failure = rejected.getFailure();
			providerId = rejected.getProviderId();
		}
		else {
			logger.debug("JWT processing failed unexpectedly", ex);
			failure = JwtFailure.INVALID;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected bearer token: " + failure.tag());
		}
		if (this.events != null) {
			this.events.publishAuthenticationFailure(new InvalidBearerTokenException(failure.description()),
					new FailedJwtAuthentication(providerId, failure));
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED && !failure.isServiceUnavailable()) {
			return new JwtOutcome.Anonymous(failure, token);
		}
		return new JwtOutcome.Rejected(failure, dpopScheme);
	}

	private JwtRoute route(TokenRequest request) {
		return this.routes.isEmpty() ? this.routes.getDefaults()
				: this.routes.match(request.method(), request.path());
	}

	/**
	 * A CORS preflight: {@code OPTIONS} with {@code Origin} and
	 * {@code Access-Control-Request-Method}, as Spring's {@code CorsUtils} tells it.
	 */
	private static boolean isPreflight(TokenRequest request) {
		return "OPTIONS".equals(request.method()) && request.header("Origin") != null
				&& request.header("Access-Control-Request-Method") != null;
	}

	private static boolean isCrossSiteWithCookie(TokenRequest request, ResolvedToken token) {
		for (TokenLocation location : token.locations()) {
			if (location.kind() != TokenLocation.Kind.COOKIE) {
				return false;
			}
		}
		return CrossSiteCheck.refuses(request.method(), request.header("Sec-Fetch-Site"), request.header("Origin"),
				request.header("Host"));
	}

	/**
	 * How the request presented its token: the {@code DPoP} scheme when the token came
	 * from {@link TokenLocation#dpopHeader()}, with the request's method, URL and single
	 * {@code DPoP} proof header; a bearer presentation otherwise.
	 */
	private static TokenPresentation presentation(TokenRequest request, ResolvedToken token) {
		if (!token.locations().contains(TokenLocation.dpopHeader())) {
			return TokenPresentation.bearer(request.clientCertificate());
		}
		List<String> proofs = request.headers(TokenLocation.DPOP_PROOF_HEADER);
		if (proofs.size() > 1) {
			throw new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF);
		}
		return TokenPresentation.dpop(request.method().toUpperCase(Locale.ROOT), request.url(),
				proofs.isEmpty() ? null : proofs.get(0), request.clientCertificate());
	}

	/**
	 * What is needed to verify a token fully.
	 */
	private record Verification(ValidationPolicy policy, ResolvedToken token, TokenPresentation presentation,
			Predicate<JwtProvider> admissible) {

	}

	/**
	 * A request being decided: either {@link #decided()} already, or waiting for a full
	 * verification ({@link #complete()}), which may block.
	 */
	public final class Attempt {

		private final @Nullable JwtOutcome outcome;

		private final @Nullable Verification verification;

		private Attempt(JwtOutcome outcome) {
			this.outcome = outcome;
			this.verification = null;
		}

		private Attempt(Verification verification) {
			this.outcome = null;
			this.verification = verification;
		}

		/**
		 * Returns the outcome when no blocking work is needed.
		 * @return the outcome, or {@code null} when {@link #complete()} must run; a
		 * {@link JwtOutcome.AwaitingReplayCheck} still needs its replay check
		 */
		public @Nullable JwtOutcome decided() {
			return this.outcome;
		}

		/**
		 * Verifies the token fully: key retrieval (possibly over the network) and
		 * signature checks. Call it off any event loop.
		 * @return the outcome; a {@link JwtOutcome.AwaitingReplayCheck} still needs its
		 * replay check
		 */
		public JwtOutcome complete() {
			if (this.outcome != null) {
				return this.outcome;
			}
			Assert.state(this.verification != null, "an undecided attempt has a verification");
			return JwtRequestFlow.this.complete(this.verification);
		}

	}

}
