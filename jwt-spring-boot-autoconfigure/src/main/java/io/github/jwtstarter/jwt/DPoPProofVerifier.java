package io.github.jwtstarter.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Checks a DPoP proof (RFC 9449 section 4.3) for a verified DPoP-bound access token.
 * Spring Security's {@link DPoPProofJwtDecoderFactory} parses the proof and checks its
 * signature: {@code typ} {@code dpop+jwt}, an asymmetric {@code alg}, a public
 * {@code jwk} header that verifies the signature. On top, in this order, stopping at the
 * first failure: {@code htm} equals the request method; {@code htu} equals the request
 * URI (scheme and host case-insensitive, default port and empty path normalized, query
 * and fragment ignored), or, when the provider names its public origins, one of those
 * origins followed by the request's path; {@code iat} no older than the maximum age and
 * not in the future (each with the clock skew); {@code ath} is the hash of the access
 * token; the RFC 7638 thumbprint of {@code jwk} equals the token's {@code cnf.jkt}; and
 * when the provider requires server-provided nonces, the proof's {@code nonce} is one of
 * its {@link DPoPNonces} (else the client is answered {@code use_dpop_nonce} with a fresh
 * one); and the proof's {@code jti} has not been seen for this key within the window. Ids
 * are remembered in a fair {@link DPoPReplayCache} (no client key may fill more than its
 * quota of it; nothing is evicted early, so a proof is never accepted twice), and, when
 * the provider shares a {@link DPoPReplayStore} with other replicas, then recorded there
 * by the {@link DPoPReplayCheck} this verification leaves to its caller. Stack-neutral: a
 * web layer passes the method, URI and header it read.
 */
final class DPoPProofVerifier {

	/**
	 * Longest accepted proof, checked before any parsing.
	 */
	static final int MAX_PROOF_LENGTH = 8 * 1024;

	private static final Log logger = LogFactory.getLog(DPoPProofVerifier.class);

	private final Duration maxAge;

	private final Duration clockSkew;

	private final Clock clock;

	private final DPoPReplayCache replayCache;

	private final DPoPTarget target;

	private final @Nullable SharedStore sharedStore;

	private final @Nullable DPoPNonces nonces;

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	/**
	 * Creates a verifier with no public origins and no shared store, each client key
	 * allowed a tenth of the replay cache.
	 * @param maxAge how long after its {@code iat} a proof is accepted
	 * @param clockSkew leeway for {@code iat} either side
	 * @param replayCacheSize the most proof ids remembered
	 * @param clock the clock
	 */
	DPoPProofVerifier(Duration maxAge, Duration clockSkew, long replayCacheSize, Clock clock) {
		this(maxAge, clockSkew, replayCacheSize, defaultQuota(replayCacheSize), List.of(), null, null, clock);
	}

	/**
	 * Creates a verifier.
	 * @param maxAge how long after its {@code iat} a proof is accepted
	 * @param clockSkew leeway for {@code iat} either side
	 * @param replayCacheSize the most proof ids remembered
	 * @param quotaPerKey the most proof ids one client key may have remembered at a time
	 * @param origins the public origins ({@code https://api.example.com}) a proof's
	 * {@code htu} must name, empty to compare it with the request URI
	 * @param sharedStore the store shared with other replicas, {@code null} for none
	 * @param nonces the server-provided nonces a proof must carry, {@code null} for none
	 * @param clock the clock
	 */
	DPoPProofVerifier(Duration maxAge, Duration clockSkew, long replayCacheSize, long quotaPerKey,
			Collection<String> origins, @Nullable SharedStore sharedStore, @Nullable DPoPNonces nonces, Clock clock) {
		Assert.isTrue(maxAge != null && !maxAge.isNegative() && !maxAge.isZero(), "maxAge must be positive");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "clockSkew must not be negative");
		Assert.isTrue(replayCacheSize > 0, "replayCacheSize must be positive");
		Assert.notNull(origins, "origins cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.maxAge = maxAge;
		this.clockSkew = clockSkew;
		this.clock = clock;
		// an id is remembered as long as a proof carrying it can pass the iat check (and
		// a margin)
		this.replayCache = new DPoPReplayCache(replayCacheSize, quotaPerKey, maxAge.plus(clockSkew).plus(clockSkew),
				clock);
		this.target = new DPoPTarget(origins);
		this.sharedStore = sharedStore;
		this.nonces = nonces;
		this.decoders.setJwtValidatorFactory(this::validator);
	}

	/**
	 * Returns the default share of one client key: a tenth of the replay cache, at least
	 * one id.
	 * @param replayCacheSize the most proof ids remembered
	 * @return the quota
	 */
	static long defaultQuota(long replayCacheSize) {
		return Math.max(1, replayCacheSize / 10);
	}

	/**
	 * Checks the proof that came with a DPoP-bound access token, and remembers its id.
	 * @param method the request method
	 * @param uri the request URI (query and fragment are ignored)
	 * @param proof the {@code DPoP} header, or {@code null} when absent
	 * @param accessToken the verified access token, with its {@code cnf.jkt}
	 * @return the recording of the proof's id in the shared store, still to be done;
	 * {@code null} when the provider has no shared store
	 * @throws JwtVerificationException ({@link JwtFailure#INVALID_DPOP_PROOF}) when the
	 * proof is rejected, ({@link JwtFailure#USE_DPOP_NONCE}, with a fresh nonce) when it
	 * lacks the server's nonce
	 */
	DPoPReplayCheck.@Nullable Pending verify(@Nullable String method, @Nullable String uri, @Nullable String proof,
			Jwt accessToken) {
		Assert.notNull(accessToken, "accessToken cannot be null");
		if (method == null || uri == null || proof == null || proof.isBlank() || proof.length() > MAX_PROOF_LENGTH) {
			throw rejected("missing, empty or too large", null);
		}
		Jwt checked;
		try {
			DPoPProofContext context = DPoPProofContext.withDPoPProof(proof)
				.method(method)
				.targetUri(DPoPTarget.withoutQuery(uri))
				.accessToken(accessToken)
				.build();
			checked = this.decoders.createDecoder(context).decode(proof);
		}
		catch (JwtVerificationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw rejected(ex.getMessage(), ex);
		}
		DPoPNonces nonces = this.nonces;
		if (nonces != null
				&& !nonces.accepts((checked.getClaims().get("nonce") instanceof String nonce) ? nonce : null)) {
			// before the replay cache: a proof the client must redo uses none of its
			// share
			logger.debug("Rejected DPoP proof: no current nonce of the provider's; answering with a fresh one");
			throw new JwtVerificationException(JwtFailure.USE_DPOP_NONCE).withDPoPNonce(nonces.issue());
		}
		String jkt = Confirmation.of(accessToken).jkt();
		String jti = checked.getId();
		if (jkt == null || jti == null || jti.isEmpty()) {
			throw rejected("jti missing", null);
		}
		// one key per client key and proof id: a client cannot use up another client's
		// ids
		String key = sha256(jkt + "\n" + jti);
		if (!this.replayCache.firstUse(jkt, key)) {
			throw rejected("jti already used, or the client key is over its share of the replay cache", null);
		}
		SharedStore shared = this.sharedStore;
		return (shared != null) ? new DPoPReplayCheck.Pending(shared.store(), shared.keyPrefix() + key,
				this.replayCache.retention(), shared.timeout()) : null;
	}

	private OAuth2TokenValidator<Jwt> validator(DPoPProofContext context) {
		Jwt accessToken = context.getAccessToken();
		String method = context.getMethod();
		String target = DPoPTarget.normalize(context.getTargetUri());
		String jkt = Confirmation.of(accessToken).jkt();
		List<OAuth2TokenValidator<Jwt>> checks = List.of(
				(proof) -> check(method
					.equals(proof.getClaims().get("htm")), "htm does not match"),
				(proof) -> check(proof.getClaims().get("htu") instanceof String htu && target != null
						&& this.target.matches(target, DPoPTarget.normalize(htu)), "htu does not match"),
				(proof) -> check(issuedInWindow(proof.getIssuedAt()), "iat outside the accepted window"),
				(proof) -> check(proof.getClaims().get("ath") instanceof String ath
						&& equal(ath, sha256(accessToken.getTokenValue())), "ath does not match"),
				(proof) -> check(keyMatches(proof, jkt), "jwk does not match cnf.jkt"));
		return (proof) -> {
			for (OAuth2TokenValidator<Jwt> check : checks) {
				OAuth2TokenValidatorResult result = check.validate(proof);
				if (result.hasErrors()) {
					return result;
				}
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	private boolean issuedInWindow(@Nullable Instant issuedAt) {
		Instant now = this.clock.instant();
		return issuedAt != null && !issuedAt.isAfter(now.plus(this.clockSkew))
				&& !issuedAt.isBefore(now.minus(this.maxAge).minus(this.clockSkew));
	}

	private static boolean keyMatches(Jwt proof, @Nullable String jkt) {
		if (jkt == null || !(proof.getHeaders().get("jwk") instanceof Map<?, ?> jwk)) {
			return false;
		}
		try {
			@SuppressWarnings("unchecked")
			String thumbprint = JWK.parse((Map<String, Object>) jwk).computeThumbprint().toString();
			return equal(thumbprint, jkt);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static OAuth2TokenValidatorResult check(boolean passed, String reason) {
		return passed ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, reason, null));
	}

	private static JwtVerificationException rejected(@Nullable String reason, @Nullable Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected DPoP proof: " + reason);
		}
		return new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF, cause);
	}

	static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean equal(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "DPoPProofVerifier[maxAge=" + this.maxAge + ", " + this.target + ", " + this.replayCache
				+ ((this.sharedStore != null) ? ", shared store" : "") + ((this.nonces != null) ? ", nonces" : "")
				+ "]";
	}

	/**
	 * A replay store shared with other replicas, as a provider uses it.
	 *
	 * @param store the store
	 * @param keyPrefix the prefix of the provider's keys in the store
	 * @param timeout how long a request waits for the store
	 */
	record SharedStore(DPoPReplayStore store, String keyPrefix, Duration timeout) {

		SharedStore {
			Assert.notNull(store, "store cannot be null");
			Assert.notNull(keyPrefix, "keyPrefix cannot be null");
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		}

	}

}
