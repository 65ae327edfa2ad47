package io.github.jwtstarter.jwt;

/**
 * Why a token was rejected: a fixed set of reasons, each with a short generic
 * description for the {@code WWW-Authenticate} header and a tag value for metrics.
 * Descriptions never echo token content, key material or URLs.
 *
 * @author jwt-spring-boot-starter
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
	 * The provider's keys could not be retrieved.
	 */
	KEYS_UNAVAILABLE("keys_unavailable", "unable to verify token"),

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
	 * Returns the short description sent to the client.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
