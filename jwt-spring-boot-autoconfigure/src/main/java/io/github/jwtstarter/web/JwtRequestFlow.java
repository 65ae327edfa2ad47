package io.github.jwtstarter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import io.github.jwtstarter.authentication.FailedJwtAuthentication;
import io.github.jwtstarter.authentication.JwtAuthenticationSet;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.Assert;

/**
 * The request flow of every web stack, written once: a {@link TokenRequest} in, a
 * {@link JwtOutcome} out. It finds the request's route ({@code jwt.routes}) and token
 * (every configured location), refuses cross-site requests authenticated only by a
 * cookie, verifies the token with the provider its issuer names (that provider must
 * accept the token's location and be allowed on the route), applies the route's
 * validation policy and publishes Spring Security's authentication events. Any failure of
 * token processing becomes an outcome, never an exception.
 * <p>
 * A servlet filter calls {@link #authenticate}; a non-blocking one calls {@link #begin}
 * on its event loop, which answers everything that needs no key retrieval or signature
 * check (a missing token, a cached token, a malformed one), and runs
 * {@link Attempt#complete()} elsewhere only when a full verification is needed. When the
 * provider shares its DPoP replay store with other replicas, both leave a
 * {@link JwtOutcome.AwaitingReplayCheck}, which the non-blocking filter completes with
 * {@link #recordProofAsync} (the store's answer, without blocking); {@link #authenticate}
 * waits for it itself.
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
			return failed(awaiting.policy(), awaiting.carried(), awaiting.setProvider(), ex, true);
		}
		return trusted(awaiting.authenticated());
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
			return CompletableFuture
				.completedFuture(failed(awaiting.policy(), awaiting.carried(), awaiting.setProvider(), ex, true));
		}
		return recorded.handle((ignored, ex) -> (ex != null) ? failed(awaiting.policy(), awaiting.carried(),
				awaiting.setProvider(), DPoPReplayCheck.rejection(ex), true) : trusted(awaiting.authenticated()));
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
		if (!route.getAllOf().isEmpty()) {
			return beginAllOf(request, route);
		}
		ValidationPolicy policy = route.getValidationPolicy();
		ResolvedToken token = null;
		TokenPresentation presentation = null;
		try {
			token = this.tokenResolver.resolve(request);
			if (token == null) {
				return new Attempt(missing(policy));
			}
			if (isCrossSiteWithCookie(request, token)) {
				return new Attempt(JwtOutcome.CrossSiteRefused.INSTANCE);
			}
			presentation = presentation(request, token);
			Predicate<JwtProvider> admissible = admissible(route, token);
			VerifiedRequest cached = this.verifier.verifyCachedRequest(token.token(), admissible, presentation);
			Verification verification = new Verification(policy,
					List.of(new Check(null, token, presentation, admissible, cached, null)), List.of(token));
			return (cached != null) ? new Attempt(complete(verification)) : new Attempt(verification);
		}
		catch (RuntimeException ex) {
			return new Attempt(
					failed(policy, (token != null) ? List.of(token) : List.of(), null, ex, isDPoP(presentation)));
		}
	}

	private static JwtOutcome missing(ValidationPolicy policy) {
		return (policy == ValidationPolicy.REQUIRE_VALID) ? JwtOutcome.Rejected.MISSING : JwtOutcome.Anonymous.MISSING;
	}

	/**
	 * A route with a requirement set: each listed provider reads its own token from its
	 * own locations and must verify it. No token at all is a missing token; a set that is
	 * incomplete fails, naming the provider whose token is missing.
	 */
	private Attempt beginAllOf(TokenRequest request, JwtRoute route) {
		ValidationPolicy policy = route.getValidationPolicy();
		List<ResolvedToken> carried = new ArrayList<>(route.getAllOf().size());
		List<Check> checks = new ArrayList<>(route.getAllOf().size());
		String providerId = null;
		TokenPresentation presentation = null;
		try {
			String absent = null;
			for (String id : route.getAllOf()) {
				providerId = id;
				ResolvedToken token = this.tokenResolver.resolve(request, id);
				if (token == null) {
					absent = (absent != null) ? absent : id;
				}
				else {
					carried.add(token);
				}
			}
			providerId = null;
			if (carried.isEmpty()) {
				return new Attempt(missing(policy));
			}
			for (ResolvedToken token : carried) {
				if (isCrossSiteWithCookie(request, token)) {
					return new Attempt(JwtOutcome.CrossSiteRefused.INSTANCE);
				}
			}
			if (absent != null) {
				return new Attempt(incomplete(policy, carried, absent));
			}
			boolean cached = true;
			for (int i = 0; i < carried.size(); i++) {
				providerId = route.getAllOf().get(i);
				ResolvedToken token = carried.get(i);
				String id = providerId;
				Predicate<JwtProvider> admissible = (provider) -> id.equals(provider.getId());
				presentation = null;
				try {
					presentation = presentation(request, token);
					VerifiedRequest verified = this.verifier.verifyCachedRequest(token.token(), admissible,
							presentation);
					cached = cached && verified != null;
					checks.add(new Check(id, token, presentation, admissible, verified, null));
				}
				catch (RuntimeException ex) {
					if (cached) {
						throw ex;
					}
					// an earlier token still needs its full verification: the first
					// failure in
					// the set's order is the one answered, whatever the cache held
					TokenPresentation scheme = token.locations().contains(TokenLocation.dpopHeader())
							? TokenPresentation.dpop(request.method(), request.url(), null, null)
							: TokenPresentation.bearer(null);
					checks.add(new Check(id, token, scheme, admissible, null, ex));
					break;
				}
			}
			Verification verification = new Verification(policy, checks, carried);
			return cached ? new Attempt(complete(verification)) : new Attempt(verification);
		}
		catch (RuntimeException ex) {
			return new Attempt(failed(policy, carried, providerId, ex, isDPoP(presentation)));
		}
	}

	/**
	 * A requirement set without the token of one of its providers: the request carries
	 * some of its tokens, so it is not a missing token (which a route may allow) but a
	 * failure naming the provider.
	 */
	private JwtOutcome incomplete(ValidationPolicy policy, List<ResolvedToken> carried, String absent) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected request: no token of provider '" + absent + "' of the route's requirement set");
		}
		if (this.events != null) {
			this.events.publishAuthenticationFailure(
					new InvalidBearerTokenException(JwtFailure.INCOMPLETE_SET.description()),
					new FailedJwtAuthentication(absent, JwtFailure.INCOMPLETE_SET));
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED) {
			return new JwtOutcome.Anonymous(JwtFailure.INCOMPLETE_SET, carried);
		}
		return new JwtOutcome.Rejected(JwtFailure.INCOMPLETE_SET, false, absent);
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
	 * {@code disabled}, it is no CORS preflight, and it carries a token (or more than
	 * one, which is rejected). Such a request is authenticated by its token or not at
	 * all, so a chain's CSRF protection can leave it to the flow (a cookie token is held
	 * to the cross-site rule).
	 * @param request the request
	 * @return whether a token of the request is verified
	 */
	public boolean verifiesToken(TokenRequest request) {
		JwtRoute route = route(request);
		if (route.isDisabled() || isPreflight(request)) {
			return false;
		}
		try {
			if (route.getAllOf().isEmpty()) {
				return this.tokenResolver.resolve(request) != null;
			}
			for (String id : route.getAllOf()) {
				if (this.tokenResolver.resolve(request, id) != null) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private JwtOutcome complete(Verification verification) {
		List<JwtOutcome.Companion> verified = new ArrayList<>(verification.checks().size());
		DPoPReplayCheck replayCheck = null;
		String replayProvider = null;
		for (Check check : verification.checks()) {
			try {
				if (check.failure() != null) {
					throw check.failure();
				}
				VerifiedRequest each = (check.cached() != null) ? check.cached()
						: this.verifier.verifyRequest(check.token().token(), check.admissible(), check.presentation());
				verified.add(new JwtOutcome.Companion(each.verified(), check.token()));
				if (each.replayCheck() != null) {
					if (replayCheck != null) {
						// one DPoP header, so one proof: never two to record
						throw new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF);
					}
					replayCheck = each.replayCheck();
					replayProvider = check.providerId();
				}
			}
			catch (RuntimeException ex) {
				return failed(verification.policy(), verification.carried(), check.providerId(), ex,
						isDPoP(check.presentation()));
			}
		}
		JwtOutcome.Companion principal = verified.get(0);
		JwtOutcome.Authenticated authenticated = (verification.checks().get(0).providerId() == null)
				? new JwtOutcome.Authenticated(principal.verified(), principal.token())
				: new JwtOutcome.Authenticated(principal.verified(), principal.token(),
						verified.subList(1, verified.size()),
						new JwtAuthenticationSet(verified.stream().map(JwtOutcome.Companion::verified).toList()));
		return (replayCheck != null)
				? new JwtOutcome.AwaitingReplayCheck(authenticated, replayCheck, verification.policy(), replayProvider)
				: trusted(authenticated);
	}

	/**
	 * A request whose every check passed: its success is published.
	 */
	private JwtOutcome.Authenticated trusted(JwtOutcome.Authenticated authenticated) {
		publishSuccess(authenticated.authentication());
		return authenticated;
	}

	private void publishSuccess(Authentication authentication) {
		if (this.events != null) {
			this.events.publishAuthenticationSuccess(authentication);
		}
	}

	/**
	 * A token failed.
	 * @param carried the request's tokens (one, or those of a requirement set), removed
	 * when the request continues anonymously
	 * @param setProvider on a route with a requirement set, the provider whose token
	 * failed, named in the answer; {@code null} otherwise
	 */
	private JwtOutcome failed(ValidationPolicy policy, List<ResolvedToken> carried, @Nullable String setProvider,
			RuntimeException ex, boolean dpopScheme) {
		JwtFailure failure;
		String providerId = setProvider;
		String dpopNonce = null;
		if (ex instanceof JwtVerificationException rejected) {
			failure = rejected.getFailure();
			providerId = (rejected.getProviderId() != null) ? rejected.getProviderId() : setProvider;
			dpopNonce = rejected.getDPoPNonce();
		}
		else {
			logger.debug("JWT processing failed unexpectedly", ex);
			failure = JwtFailure.INVALID;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected bearer token: " + failure.tag()
					+ ((setProvider != null) ? " (provider '" + setProvider + "')" : ""));
		}
		if (this.events != null) {
			this.events.publishAuthenticationFailure(new InvalidBearerTokenException(failure.description()),
					new FailedJwtAuthentication(providerId, failure));
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED && !failure.isServiceUnavailable()) {
			return new JwtOutcome.Anonymous(failure, carried);
		}
		return new JwtOutcome.Rejected(failure, dpopScheme, setProvider, dpopNonce);
	}

	private JwtRoute route(TokenRequest request) {
		return this.routes.isEmpty() ? this.routes.getDefaults() : this.routes.match(request.method(), request.path());
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
	 * One token to verify: by any admissible provider, or on a route with a requirement
	 * set by the one provider named; {@code cached} once verified from the cache,
	 * {@code failure} when it already failed.
	 */
	private record Check(@Nullable String providerId, ResolvedToken token, TokenPresentation presentation,
			Predicate<JwtProvider> admissible, @Nullable VerifiedRequest cached, @Nullable RuntimeException failure) {

		Check(@Nullable String providerId, ResolvedToken token, TokenPresentation presentation,
				Predicate<JwtProvider> admissible) {
			this(providerId, token, presentation, admissible, null, null);
		}

	}

	/**
	 * What is needed to verify a request's tokens fully.
	 *
	 * @param carried the request's tokens, removed when it continues anonymously
	 */
	private record Verification(ValidationPolicy policy, List<Check> checks, List<ResolvedToken> carried) {

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
