package io.github.jwtstarter.jwt;

import java.text.ParseException;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/**
 * Parses a compact JWS without verifying it, and refuses what is never accepted: JSON
 * serialization, JWE, unsecured tokens, and the {@code crit} and {@code b64} headers.
 */
final class JwtTokenParser {

	private JwtTokenParser() {
	}

	/**
	 * Parses the token.
	 * @param token the compact token
	 * @return the parsed, unverified token
	 * @throws JwtVerificationException when the token is malformed or unsupported
	 */
	static SignedJWT parse(String token) {
		if (token.isEmpty()) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
		char first = token.charAt(0);
		if (first == '{' || first == '[') {
			throw new JwtVerificationException(JwtFailure.UNSUPPORTED);
		}
		int dots = 0;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.') {
				dots++;
			}
			else if (!isBase64Url(c)) {
				throw new JwtVerificationException(JwtFailure.MALFORMED);
			}
		}
		if (dots == 4) {
			throw new JwtVerificationException(JwtFailure.UNSUPPORTED);
		}
		if (dots != 2) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
			jwt.getJWTClaimsSet();
		}
		catch (ParseException | RuntimeException | StackOverflowError ex) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
		JWSHeader header = jwt.getHeader();
		if (header.getCriticalParams() != null || !header.isBase64URLEncodePayload() || namesB64(header)) {
			throw new JwtVerificationException(JwtFailure.UNSUPPORTED);
		}
		return jwt;
	}

	/**
	 * Returns the unverified {@code iss} claim of a parsed token.
	 * @param jwt the parsed token
	 * @return the issuer
	 * @throws JwtVerificationException when the token has no string issuer
	 */
	static String issuer(SignedJWT jwt) {
		try {
			String issuer = jwt.getJWTClaimsSet().getIssuer();
			if (issuer == null) {
				throw new JwtVerificationException(JwtFailure.UNKNOWN_ISSUER);
			}
			return issuer;
		}
		catch (ParseException ex) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
	}

	/**
	 * Whether the header has a {@code b64} member at all: Nimbus reads {@code "b64":true}
	 * as the default and does not report it, so the parsed header JSON is consulted. The
	 * header is parsed again only when its text could name {@code b64}: it holds the name
	 * or an escape that could spell it.
	 */
	private static boolean namesB64(JWSHeader header) {
		String json = header.getParsedBase64URL().decodeToString();
		if (!json.contains("b64") && json.indexOf('\\') < 0) {
			return false;
		}
		try {
			return JSONObjectUtils.parse(json).containsKey("b64");
		}
		catch (ParseException ex) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

}
