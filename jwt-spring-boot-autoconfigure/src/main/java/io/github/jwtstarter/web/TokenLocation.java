package io.github.jwtstarter.web;

import java.util.Locale;

import org.springframework.util.Assert;

/**
 * A place in a request where a token is read: a header (with a prefix such as
 * {@code "Bearer "}, compared case-insensitively), a query parameter, or a cookie.
 *
 * @param kind where the token is
 * @param name the header, parameter or cookie name
 * @param prefix the header value prefix, empty when the whole value is the token
 */
public record TokenLocation(Kind kind, String name, String prefix) {

	/**
	 * The header carrying a DPoP proof (RFC 9449 section 4.1), read with a token
	 * presented with the {@code DPoP} scheme.
	 */
	public static final String DPOP_PROOF_HEADER = "DPoP";

	/**
	 * The response header of a server-provided DPoP nonce (RFC 9449 section 8).
	 */
	public static final String DPOP_NONCE_HEADER = "DPoP-Nonce";

	public TokenLocation {
		Assert.notNull(kind, "kind cannot be null");
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(prefix, "prefix cannot be null");
		if (kind == Kind.HEADER) {
			name = name.toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * A header location.
	 * @param name the header name
	 * @param prefix the value prefix
	 * @return the location
	 */
	public static TokenLocation header(String name, String prefix) {
		return new TokenLocation(Kind.HEADER, name, prefix);
	}

	/**
	 * A query parameter location.
	 * @param name the parameter name
	 * @return the location
	 */
	public static TokenLocation queryParam(String name) {
		return new TokenLocation(Kind.QUERY_PARAM, name, "");
	}

	/**
	 * A cookie location.
	 * @param name the cookie name
	 * @return the location
	 */
	public static TokenLocation cookie(String name) {
		return new TokenLocation(Kind.COOKIE, name, "");
	}

	/**
	 * The default location: the {@code Authorization} header with the {@code Bearer}
	 * scheme.
	 * @return the location
	 */
	public static TokenLocation bearerHeader() {
		return header("Authorization", "Bearer ");
	}

	/**
	 * The location of DPoP-bound tokens: the {@code Authorization} header with the
	 * {@code DPoP} scheme (RFC 9449 section 7.1).
	 * @return the location
	 */
	public static TokenLocation dpopHeader() {
		return header("Authorization", "DPoP ");
	}

	/**
	 * Where a token is.
	 */
	public enum Kind {

		/**
		 * A request header.
		 */
		HEADER,

		/**
		 * A query parameter.
		 */
		QUERY_PARAM,

		/**
		 * A cookie.
		 */
		COOKIE

	}

}
