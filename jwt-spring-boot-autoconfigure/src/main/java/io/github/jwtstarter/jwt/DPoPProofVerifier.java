package io.github.jwtstarter.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * and fragment ignored); {@code iat} no older than the maximum age and not in the future
 * (each with the clock skew); {@code ath} is the hash of the access token; the RFC 7638
 * thumbprint of {@code jwk} equals the token's {@code cnf.jkt}; and the proof's
 * {@code jti} has not been seen for this key within the window. The replay cache is a
 * bounded Caffeine cache: when it is full, new proofs are refused until old ones age
 * out, so a proof is never accepted twice. Stack-neutral: a web layer passes the method,
 * URI and header it read.
 */
final class DPoPProofVerifier {

	/**
	 * Longest accepted proof, checked before any parsing.
	 */
	static final int MAX_PROOF_LENGTH = 8 * 1024;

	private static final Log logger = LogFactory.getLog(DPoPProofVerifier.class);

	private final Duration maxAge;

	private final Duration clockSkew;

	private final long replayCacheSize;

	private final Clock clock;

	private final Cache<String, Boolean> seen;

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	private final AtomicLong lastFullWarning = new AtomicLong();

	/**
	 * Creates a verifier.
	 * @param maxAge how long after its {@code iat} a proof is accepted
	 * @param clockSkew leeway for {@code iat} either side
	 * @param replayCacheSize the most proof ids remembered
	 * @param clock the clock
	 */
	DPoPProofVerifier(Duration maxAge, Duration clockSkew, long replayCacheSize, Clock clock) {
		Assert.isTrue(maxAge != null && !maxAge.isNegative() && !maxAge.isZero(), "maxAge must be positive");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "clockSkew must not be negative");
		Assert.isTrue(replayCacheSize > 0, "replayCacheSize must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.maxAge = maxAge;
		this.clockSkew = clockSkew;
		this.replayCacheSize = replayCacheSize;
		this.clock = clock;
		// an id is remembered as long as a proof carrying it can pass the iat check
		this.seen = Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(maxAge.plus(clockSkew).plus(clockSkew))
			.maximumSize(replayCacheSize * 2)
			.build();
		this.decoders.setJwtValidatorFactory(this::validator);
	}

	/**
	 * Checks the proof that came with a DPoP-bound access token.
	 * @param method the request method
	 * @param uri the request URI (query and fragment are ignored)
	 * @param proof the {@code DPoP} header, or {@code null} when absent
	 * @param accessToken the verified access token, with its {@code cnf.jkt}
	 * @throws JwtVerificationException ({@link JwtFailure#INVALID_DPOP_PROOF}) when the
	 * proof is rejected
	 */
	void verify(@Nullable String method, @Nullable String uri, @Nullable String proof, Jwt accessToken) {
		Assert.notNull(accessToken, "accessToken cannot be null");
		if (method == null || uri == null || proof == null || proof.isBlank() || proof.length() > MAX_PROOF_LENGTH) {
			throw rejected("missing, empty or too large", null);
		}
		try {
			DPoPProofContext context = DPoPProofContext.withDPoPProof(proof)
				.method(method)
				.targetUri(withoutQuery(uri))
				.accessToken(accessToken)
				.build();
			this.decoders.createDecoder(context).decode(proof);
		}
		catch (JwtVerificationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw rejected(ex.getMessage(), ex);
		}
	}

	private OAuth2TokenValidator<Jwt> validator(DPoPProofContext context) {
		Jwt accessToken = context.getAccessToken();
		String method = context.getMethod();
		String target = normalize(context.getTargetUri());
		String jkt = Confirmation.of(accessToken).jkt();
		List<OAuth2TokenValidator<Jwt>> checks = List.of(
				(proof) -> check(method.equals(proof.getClaims().get("htm")), "htm does not match"),
				(proof) -> check(proof.getClaims().get("htu") instanceof String htu && target != null
						&& target.equals(normalize(htu)), "htu does not match"),
				(proof) -> check(issuedInWindow(proof.getIssuedAt()), "iat outside the accepted window"),
				(proof) -> check(proof.getClaims().get("ath") instanceof String ath
						&& equal(ath, sha256(accessToken.getTokenValue())), "ath does not match"),
				(proof) -> check(keyMatches(proof, jkt), "jwk does not match cnf.jkt"),
				(proof) -> firstUse(proof, jkt));
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

	private OAuth2TokenValidatorResult firstUse(Jwt proof, @Nullable String jkt) {
		String jti = proof.getId();
		if (jti == null || jti.isEmpty()) {
			return check(false, "jti missing");
		}
		if (this.seen.estimatedSize() >= this.replayCacheSize) {
			this.seen.cleanUp();
			if (this.seen.estimatedSize() >= this.replayCacheSize) {
				warnFull();
				return check(false, "replay cache full");
			}
		}
		String key = sha256(jkt + "\n" + jti);
		return check(this.seen.asMap().putIfAbsent(key, Boolean.TRUE) == null, "jti already used");
	}

	private void warnFull() {
		long now = this.clock.millis();
		long last = this.lastFullWarning.get();
		if (now - last >= this.maxAge.toMillis() && this.lastFullWarning.compareAndSet(last, now)) {
			logger.warn("DPoP replay cache is full (" + this.replayCacheSize + " proof ids); refusing new proofs "
					+ "until old ones age out (logged at most once per proof max age)");
		}
	}

		private static OAuth2TokenValidatorResult check(boolean passed, String reason) {
		return passed ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, reason, null));
	}

	private static JwtVerificationException rejected(@Nullable String reason, @Nullable Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected DPoP proof: " + reason);
		}
		return new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF, cause);
	}

	private static String withoutQuery(String uri) {
		int end = uri.length();
		int query = uri.indexOf('?');
		int fragment = uri.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		return uri.substring(0, end);
	}

	/**
	 * Normalizes an absolute http(s) URI for the {@code htu} comparison (RFC 9449 section
	 * 4.3, RFC 3986 section 6.2.2 and 6.2.3): lower-case scheme and host, no default port,
	 * {@code /} for an empty path, no user info, query or fragment.
	 * @param uri the URI
	 * @return the normalized URI, or {@code null} when it is not an absolute http(s) URI
	 */
	static @Nullable String normalize(String uri) {
		try {
			URI parsed = new URI(uri);
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
			String host = (parsed.getHost() != null) ? parsed.getHost().toLowerCase(Locale.ROOT) : null;
			if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
				return null;
			}
			int port = parsed.getPort();
			if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
				port = -1;
			}
			String path = parsed.getRawPath();
			return scheme + "://" + host + ((port >= 0) ? ":" + port : "")
					+ ((path == null || path.isEmpty()) ? "/" : path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
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

}
