package io.github.jwtstarter.jwt;

/**
 * Why a token was rejected: a fixed set of reasons, each with a short generic description
 * for the {@code WWW-Authenticate} header and a tag value for metrics. Descriptions never
 * echo token content, key material or URLs.
 */
public enum JwtFailure {

	/**
	 * The token is not a compact JWS.
	 */
	MALFORMED("malformed", "malformed token"),

	/**
	 * The token uses a feature that is never accepted (crit, b64, JWE, JSON
	 * serialization).
	 */
	UNSUPPORTED("unsupported", "unsupported token"),

	/**
	 * The token is longer than {@code jwt.max-token-size}.
	 */
	TOO_LARGE("too_large", "token too large"),

	/**
	 * The request carries more than one token.
	 */
	MULTIPLE_TOKENS("multiple_tokens", "multiple tokens"),

	/**
	 * No provider has the token's issuer.
	 */
	UNKNOWN_ISSUER("unknown_issuer", "unknown issuer"),

	/**
	 * The provider does not accept the token at this location or on this route.
	 */
	PROVIDER_NOT_ALLOWED("provider_not_allowed", "issuer not allowed here"),

	/**
	 * The signature does not verify, or no key matches (the two read the same).
	 */
	BAD_SIGNATURE("bad_signature", "invalid signature"),

	/**
	 * The {@code typ} header is not accepted.
	 */
	BAD_TYPE("bad_type", "type not allowed"),

	/**
	 * The token is expired.
	 */
	EXPIRED("expired", "expired"),

	/**
	 * The token has no {@code exp} claim.
	 */
	MISSING_EXPIRATION("missing_expiration", "expiration required"),

	/**
	 * The token is not valid yet ({@code nbf}).
	 */
	NOT_YET_VALID("not_yet_valid", "not yet valid"),

	/**
	 * The token is issued in the future ({@code iat}).
	 */
	ISSUED_IN_FUTURE("issued_in_future", "issued in the future"),

	/**
	 * The token lives longer than {@code max-lifetime}.
	 */
	LIFETIME_TOO_LONG("lifetime_too_long", "lifetime too long"),

	/**
	 * The {@code iss} claim does not match.
	 */
	BAD_ISSUER("bad_issuer", "issuer not allowed"),

	/**
	 * No audience of the token is accepted.
	 */
	BAD_AUDIENCE("bad_audience", "audience not allowed"),

	/**
	 * A required claim is missing or has another value.
	 */
	BAD_CLAIM("bad_claim", "required claim not satisfied"),

	/**
	 * The claim named by {@code tenant-claim} does not equal the tenant of the token's
	 * {@code iss} (multi-tenant providers).
	 */
	BAD_TENANT("bad_tenant", "tenant not allowed"),

	/**
	 * A check of the application's own ({@code OAuth2TokenValidator<Jwt>}) failed; its
	 * metric tag is the check's error code when that is a short simple word
	 * ({@link JwtVerificationException#getReason()}).
	 */
	CUSTOM("custom", "token not accepted"),

	/**
	 * The provider's keys could not be retrieved.
	 */
	KEYS_UNAVAILABLE("keys_unavailable", "unable to verify token"),

	/**
	 * The {@code cnf} claim is not a JSON object holding only string thumbprints
	 * ({@code jkt}, {@code x5t#S256}).
	 */
	INVALID_CONFIRMATION("invalid_confirmation", "invalid confirmation claim"),

	/**
	 * The token is bound to a client certificate ({@code cnf.x5t#S256}) and the request
	 * came without that certificate (RFC 8705).
	 */
	CERTIFICATE_MISMATCH("certificate_mismatch", "client certificate does not match"),

	/**
	 * The token is bound to a DPoP key ({@code cnf.jkt}) and was not presented with the
	 * {@code DPoP} scheme (RFC 9449).
	 */
	DPOP_PROOF_REQUIRED("dpop_proof_required", "DPoP proof required"),

	/**
	 * The token is not DPoP-bound although the provider requires it, or although it was
	 * presented with the {@code DPoP} scheme.
	 */
	DPOP_BOUND_TOKEN_REQUIRED("dpop_bound_token_required", "DPoP-bound token required"),

	/**
	 * The token is DPoP-bound and its provider does not accept DPoP.
	 */
	DPOP_NOT_ACCEPTED("dpop_not_accepted", "DPoP not accepted"),

	/**
	 * The DPoP proof is missing, malformed, replayed, or does not match the request, the
	 * token or the token's key.
	 */
	INVALID_DPOP_PROOF("invalid_dpop_proof", "invalid DPoP proof"),

	/**
	 * The provider requires server-provided DPoP nonces ({@code dpop-nonce-required}) and
	 * the proof passed every check but carries no nonce, or one that is not the
	 * provider's or has expired (RFC 9449 section 8): the answer carries a fresh nonce in
	 * {@code DPoP-Nonce} for the client to retry with.
	 */
	USE_DPOP_NONCE("use_dpop_nonce", "DPoP nonce required"),

	/**
	 * On a route with a requirement set ({@code all-of}), the request carries tokens of
	 * some of its providers but not of all.
	 */
	INCOMPLETE_SET("incomplete_set", "token required"),

	/**
	 * The DPoP proof passed every other check, but the replay store its provider shares
	 * with other replicas ({@code replay-store: redis}) failed or did not answer in time,
	 * so whether it was used before cannot be told. Not the client's fault: answered
	 * {@code 503 Service Unavailable} with {@code Retry-After}, whatever the route's
	 * validation policy.
	 */
	DPOP_REPLAY_STORE_UNAVAILABLE("dpop_replay_store_unavailable", "DPoP replay store unavailable"),

	/**
	 * Any other failure.
	 */
	INVALID("invalid", "invalid token");

	private final String tag;

	private final String description;

	JwtFailure(String tag, String description) {
		this.tag = tag;
		this.description = description;
	}

	/**
	 * Returns the metric tag value of this failure.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Returns whether the client is answered with a {@code DPoP} challenge (RFC 9449
	 * section 7.1) whatever scheme it used: the token needs a DPoP proof, or its proof
	 * was rejected.
	 * @return whether the failure calls for a {@code DPoP} challenge
	 */
	public boolean isDPoPChallenge() {
		return this == DPOP_PROOF_REQUIRED || this == DPOP_BOUND_TOKEN_REQUIRED || this == INVALID_DPOP_PROOF
				|| this == USE_DPOP_NONCE;
	}

	/**
	 * Returns whether the failure is the server's, not the token's: the request is
	 * answered {@code 503} and may be retried (with a new DPoP proof).
	 * @return whether the failure is a temporary one of the server
	 */
	public boolean isServiceUnavailable() {
		return this == DPOP_REPLAY_STORE_UNAVAILABLE;
	}

	/**
	 * Returns the {@code error} code of the challenge: {@code invalid_dpop_proof} for a
	 * rejected proof, {@code use_dpop_nonce} for a proof without the server's nonce,
	 * {@code invalid_token} otherwise.
	 * @return the error code
	 */
	public String errorCode() {
		return switch (this) {
			case INVALID_DPOP_PROOF -> "invalid_dpop_proof";
			case USE_DPOP_NONCE -> "use_dpop_nonce";
			default -> "invalid_token";
		};
	}

	/**
	 * Returns the short description sent to the client.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
