package io.github.jwtstarter.jwt;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's confirmation claim ({@code cnf}, RFC 7800): the thumbprint of the DPoP key
 * ({@code jkt}, RFC 9449) and of the client certificate ({@code x5t#S256}, RFC 8705) the
 * token is bound to. A {@code cnf} that is not a JSON object, is empty, holds a member
 * other than these two, or a thumbprint that is not a non-empty string is rejected: a
 * token whose binding cannot be checked is never taken as unbound.
 *
 * @param jkt the DPoP key thumbprint, or {@code null}
 * @param x5tS256 the client certificate thumbprint, or {@code null}
 */
record Confirmation(@Nullable String jkt, @Nullable String x5tS256) {

	static final String CLAIM = "cnf";

	static final String JKT = "jkt";

	static final String X5T_S256 = "x5t#S256";

	private static final Confirmation NONE = new Confirmation(null, null);

	/**
	 * Reads the confirmation claim of a verified token.
	 * @param jwt the token
	 * @return the confirmation, with both thumbprints {@code null} when the token has no
	 * {@code cnf}
	 * @throws JwtVerificationException when {@code cnf} is malformed
	 */
	static Confirmation of(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		if (!claims.containsKey(CLAIM)) {
			return NONE;
		}
		if (!(claims.get(CLAIM) instanceof Map<?, ?> cnf) || cnf.isEmpty()) {
			throw new JwtVerificationException(JwtFailure.INVALID_CONFIRMATION);
		}
		String jkt = null;
		String x5t = null;
		for (Map.Entry<?, ?> member : cnf.entrySet()) {
			if (!(member.getValue() instanceof String value) || value.isEmpty()) {
				throw new JwtVerificationException(JwtFailure.INVALID_CONFIRMATION);
			}
			if (JKT.equals(member.getKey())) {
				jkt = value;
			}
			else if (X5T_S256.equals(member.getKey())) {
				x5t = value;
			}
			else {
				throw new JwtVerificationException(JwtFailure.INVALID_CONFIRMATION);
			}
		}
		return new Confirmation(jkt, x5t);
	}

}
