package io.github.jwtstarter.web;

import java.util.ArrayList;
import java.util.List;

import io.github.jwtstarter.authentication.JwtAuthenticationSet;
import io.github.jwtstarter.jwt.DPoPReplayCheck;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.VerifiedJwt;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.util.Assert;

/**
 * What the {@link JwtRequestFlow} decided for a request. Each web stack adapts it the
 * same way: {@link Skipped} and {@link Anonymous} continue without a verified token,
 * {@link Authenticated} continues with the provider's Authentication, {@link Rejected} is
 * answered 401 (503 when the failure is the server's) and {@link CrossSiteRefused} 403.
 * {@link AwaitingReplayCheck} is not final: the web layer completes it with
 * {@link JwtRequestFlow#recordProof} or {@link JwtRequestFlow#recordProofAsync}.
 */
public sealed interface JwtOutcome {

	/**
	 * No JWT processing at all: the request's route is {@code disabled}, or it is a CORS
	 * preflight (browsers never send credentials on one; CORS processing answers it).
	 */
	record Skipped() implements JwtOutcome {

		/**
		 * The one instance.
		 */
		public static final Skipped INSTANCE = new Skipped();

	}

	/**
	 * The request continues without a verified token: it carried none and its route
	 * allows that, or its token failed and its route's policy is
	 * {@code allow-missing-or-failed}. A failed token is never passed on: the web layer
	 * removes it from every location it was read from.
	 *
	 * @param failure why the token failed, {@code null} when the request carried none
	 * @param failedTokens the tokens that failed or, on a route with a requirement set
	 * ({@code all-of}), every token of the set the request carried; empty when it carried
	 * none (or when they could not be read, e.g. two different tokens)
	 */
	record Anonymous(@Nullable JwtFailure failure, List<ResolvedToken> failedTokens) implements JwtOutcome {

		static final Anonymous MISSING = new Anonymous(null, List.of());

		public Anonymous {
			Assert.notNull(failedTokens, "failedTokens cannot be null");
			failedTokens = List.copyOf(failedTokens);
		}

	}

	/**
	 * The token was verified; on a route with a requirement set ({@code all-of}), every
	 * token of the set was.
	 *
	 * @param verified the verified token, its provider and Authentication (the first of a
	 * requirement set: the principal)
	 * @param token the token as found in the request
	 * @param others the other verified tokens of a requirement set, in order; empty
	 * otherwise
	 * @param authentication the request's Authentication: the verified token's, or for a
	 * requirement set a {@link JwtAuthenticationSet} of all of them
	 */
	record Authenticated(VerifiedJwt verified, ResolvedToken token, List<Companion> others,
			AbstractAuthenticationToken authentication) implements JwtOutcome {

		public Authenticated {
			Assert.notNull(verified, "verified cannot be null");
			Assert.notNull(token, "token cannot be null");
			Assert.notNull(others, "others cannot be null");
			Assert.notNull(authentication, "authentication cannot be null");
			others = List.copyOf(others);
		}

		/**
		 * A request authenticated by one token.
		 * @param verified the verified token
		 * @param token the token as found in the request
		 */
		public Authenticated(VerifiedJwt verified, ResolvedToken token) {
			this(verified, token, List.of(), verified.authentication());
		}

		/**
		 * Returns every verified token, the principal's first.
		 * @return the verified tokens
		 */
		public List<Companion> all() {
			List<Companion> all = new ArrayList<>(1 + this.others.size());
			all.add(new Companion(this.verified, this.token));
			all.addAll(this.others);
			return all;
		}

	}

	/**
	 * The request's tokens passed every check but one: the id of a token's DPoP proof is
	 * still to be recorded in the replay store that its provider shares with other
	 * replicas ({@code replay-store: redis}). Not trusted yet, and not final: the web
	 * layer hands it to {@link JwtRequestFlow#recordProof} (blocking) or
	 * {@link JwtRequestFlow#recordProofAsync}, whose outcome is {@link #authenticated()}
	 * or a refusal. (A request presents at most one token with the {@code DPoP} scheme,
	 * so there is one check.)
	 *
	 * @param authenticated the outcome once the proof is recorded
	 * @param replayCheck the recording of the proof's id
	 * @param policy the validation policy of the request's route
	 * @param setProvider on a route with a requirement set, the provider of the DPoP
	 * token, named when its proof is refused; {@code null} otherwise
	 */
	record AwaitingReplayCheck(Authenticated authenticated, DPoPReplayCheck replayCheck, ValidationPolicy policy,
			@Nullable String setProvider) implements JwtOutcome {

		public AwaitingReplayCheck {
			Assert.notNull(authenticated, "authenticated cannot be null");
			Assert.notNull(replayCheck, "replayCheck cannot be null");
			Assert.notNull(policy, "policy cannot be null");
		}

		/**
		 * Returns every token of the request, removed when a refused proof lets it
		 * continue anonymously.
		 * @return the tokens
		 */
		public List<ResolvedToken> carried() {
			return this.authenticated.all().stream().map(Companion::token).toList();
		}

	}

	/**
	 * One verified token of a request and where it was found.
	 *
	 * @param verified the verified token
	 * @param token the token as found in the request
	 */
	record Companion(VerifiedJwt verified, ResolvedToken token) {

	}

	/**
	 * The request is answered 401, or 503 with {@code Retry-After} when the failure is
	 * the server's ({@link JwtFailure#isServiceUnavailable()}).
	 *
	 * @param failure why the token was rejected, {@code null} when the request carried
	 * none
	 * @param dpopChallenge whether the answer is a {@code DPoP} challenge (RFC 9449
	 * section 7.1) rather than a {@code Bearer} one
	 * @param provider on a route with a requirement set, the provider whose token was
	 * missing or rejected; {@code null} otherwise
	 * @param dpopNonce the fresh DPoP nonce to retry with
	 * ({@link JwtFailure#USE_DPOP_NONCE}), sent in {@code DPoP-Nonce}; {@code null}
	 * otherwise
	 */
	record Rejected(@Nullable JwtFailure failure, boolean dpopChallenge, @Nullable String provider,
			@Nullable String dpopNonce) implements JwtOutcome {

		static final Rejected MISSING = new Rejected(null, false, null, null);

		/**
		 * A rejection without a DPoP nonce.
		 * @param failure why, {@code null} when the request carried none
		 * @param dpopChallenge whether the answer is a {@code DPoP} challenge
		 * @param provider on a route with a requirement set, the provider whose token was
		 * missing or rejected; {@code null} otherwise
		 */
		public Rejected(@Nullable JwtFailure failure, boolean dpopChallenge, @Nullable String provider) {
			this(failure, dpopChallenge, provider, null);
		}

		/**
		 * A rejection of the request's one token.
		 * @param failure why, {@code null} when the request carried none
		 * @param dpopChallenge whether the answer is a {@code DPoP} challenge
		 */
		public Rejected(@Nullable JwtFailure failure, boolean dpopChallenge) {
			this(failure, dpopChallenge, null);
		}

	}

	/**
	 * The request authenticated only by a cookie token is cross-site and unsafe: it is
	 * answered 403.
	 */
	record CrossSiteRefused() implements JwtOutcome {

		static final CrossSiteRefused INSTANCE = new CrossSiteRefused();

	}

}
