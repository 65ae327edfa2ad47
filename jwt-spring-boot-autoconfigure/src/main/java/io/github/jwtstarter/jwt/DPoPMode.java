package io.github.jwtstarter.jwt;

/**
 * Whether a provider accepts DPoP-bound tokens (RFC 9449). Whatever the mode, a token
 * bound to a DPoP key ({@code cnf.jkt}) is never accepted as a plain bearer token.
 */
public enum DPoPMode {

	/**
	 * The {@code DPoP} scheme is not accepted; a DPoP-bound token is rejected.
	 */
	DISABLED,

	/**
	 * DPoP-bound tokens are accepted with a valid proof, unbound tokens as bearer tokens.
	 */
	ALLOWED,

	/**
	 * Only DPoP-bound tokens with a valid proof are accepted.
	 */
	REQUIRED;

	/**
	 * The proof algorithms accepted (the asymmetric ones Spring Security's
	 * {@code DPoPProofJwtDecoderFactory} verifies), as listed in a {@code DPoP}
	 * challenge's {@code algs}.
	 */
	public static final String PROOF_ALGORITHMS = "ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512";

}
