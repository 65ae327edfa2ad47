package io.github.jwtstarter.web;

import io.github.jwtstarter.jwt.DPoPReplayCheck;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.VerifiedJwt;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the {@link JwtRequestFlow} decided for a request. Each web stack adapts it the
 * same way: {@link Skipped} and {@link Anonymous} continue without a verified token,
 * {@link Authenticated} continues with the provider's Authentication, {@link Rejected}
 * is answered 401 (503 when the failure is the server's) and {@link CrossSiteRefused}
 * 403. {@link AwaitingReplayCheck} is not final: the web layer completes it with
 * {@link JwtRequestFlow#recordProof} or {@link JwtRequestFlow#recordProofAsync}.
 */
public sealed interface JwtOutcome {

	/**
	 * No JWT processing at all: the request's route is {@code disabled}, or it is a CORS
	 * preflight (browsers never send credentials on one; CORS processing answers it).
	 */
	record Skipped() implements JwtOutcome {

		static final Skipped INSTANCE = new Skipped();

	}

	/**
	 * The request continues without a verified token: it carried none and its route
	 * allows that, or its token failed and its route's policy is
	 * {@code allow-missing-or-failed}. A failed token is never passed on: the web layer
	 * removes it from every location it was read from.
	 *
	 * @param failure why the token failed, {@code null} when the request carried none
	 * @param failedToken the token that failed, {@code null} when the request carried
	 * none (or when it could not be read, e.g. two different tokens)
	 */
	record Anonymous(@Nullable JwtFailure failure, @Nullable ResolvedToken failedToken) implements JwtOutcome {

		static final Anonymous MISSING = new Anonymous(null, null);

	}

	/**
	 * The token was verified.
	 *
	 * @param verified the verified token, its provider and Authentication
	 * @param token the token as found in the request
	 */
	record Authenticated(VerifiedJwt verified, ResolvedToken token) implements JwtOutcome {

		public Authenticated {
			Assert.notNull(verified, "verified cannot be null");
			Assert.notNull(token, "token cannot be null");
		}

	}

	/**
	 * The token and its DPoP proof passed every check but one: the proof's id is still to
	 * be recorded in the replay store that the provider shares with other replicas
	 * ({@code replay-store: redis}). Not trusted yet, and not final: the web layer hands
	 * it to {@link JwtRequestFlow#recordProof} (blocking) or
	 * {@link JwtRequestFlow#recordProofAsync}, whose outcome is {@link Authenticated} or a
	 * refusal.
	 *
	 * @param verified the verified token, its provider and Authentication
	 * @param token the token as found in the request
	 * @param replayCheck the recording of the proof's id
	 * @param policy the validation policy of the request's route
	 */
	record AwaitingReplayCheck(VerifiedJwt verified, ResolvedToken token, DPoPReplayCheck replayCheck,
			ValidationPolicy policy) implements JwtOutcome {

		public AwaitingReplayCheck {
			Assert.notNull(verified, "verified cannot be null");
			Assert.notNull(token, "token cannot be null");
			Assert.notNull(replayCheck, "replayCheck cannot be null");
			Assert.notNull(policy, "policy cannot be null");
		}

	}

	/**
	 * The request is answered 401, or 503 with {@code Retry-After} when the failure is the
	 * server's ({@link JwtFailure#isServiceUnavailable()}).
	 *
	 * @param failure why the token was rejected, {@code null} when the request carried
	 * none
	 * @param dpopChallenge whether the answer is a {@code DPoP} challenge (RFC 9449
	 * section 7.1) rather than a {@code Bearer} one
	 */
	record Rejected(@Nullable JwtFailure failure, boolean dpopChallenge) implements JwtOutcome {

		static final Rejected MISSING = new Rejected(null, false);

	}

	/**
	 * The request authenticated only by a cookie token is cross-site and unsafe: it is
	 * answered 403.
	 */
	record CrossSiteRefused() implements JwtOutcome {

		static final CrossSiteRefused INSTANCE = new CrossSiteRefused();

	}

}
