package io.github.jwtstarter.test.tokens;

import org.springframework.util.Assert;

/**
 * A signed token minted by {@link JwtTestTokens} for one provider, with the place a
 * request carries it: the provider's header (with its prefix), query parameter or cookie.
 * The MockMvc, RestTestClient and WebTestClient helpers put it there.
 */
public final class JwtTestToken {

	private final String providerId;

	private final String value;

	private final Placement placement;

	JwtTestToken(String providerId, String value, Placement placement) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.hasText(value, "value cannot be empty");
		Assert.notNull(placement, "placement cannot be null");
		this.providerId = providerId;
		this.value = value;
		this.placement = placement;
	}

	/**
	 * Returns the id of the provider the token was minted for.
	 * @return the provider id
	 */
	public String providerId() {
		return this.providerId;
	}

	/**
	 * Returns the compact serialization of the token.
	 * @return the token
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Returns where a request carries the token.
	 * @return the placement
	 */
	public Placement placement() {
		return this.placement;
	}

	@Override
	public String toString() {
		return "JwtTestToken[provider=" + this.providerId + ", " + this.placement + "]";
	}

	/**
	 * Where a request carries a token.
	 *
	 * @param kind a header, a query parameter or a cookie
	 * @param name the header, parameter or cookie name
	 * @param prefix what precedes the token in a header value, e.g. {@code "Bearer "}
	 */
	public record Placement(Kind kind, String name, String prefix) {

		public Placement {
			Assert.notNull(kind, "kind cannot be null");
			Assert.hasText(name, "name cannot be empty");
			Assert.notNull(prefix, "prefix cannot be null");
		}

		/**
		 * A header, its value the prefix followed by the token.
		 * @param name the header name
		 * @param prefix the prefix, e.g. {@code "Bearer "}
		 * @return the placement
		 */
		public static Placement header(String name, String prefix) {
			return new Placement(Kind.HEADER, name, prefix);
		}

		/**
		 * A query parameter.
		 * @param name the parameter name
		 * @return the placement
		 */
		public static Placement queryParam(String name) {
			return new Placement(Kind.QUERY_PARAM, name, "");
		}

		/**
		 * A cookie.
		 * @param name the cookie name
		 * @return the placement
		 */
		public static Placement cookie(String name) {
			return new Placement(Kind.COOKIE, name, "");
		}

		/**
		 * Returns the value to send: the prefix followed by the token.
		 * @param token the token
		 * @return the value
		 */
		public String valueOf(String token) {
			return this.prefix + token;
		}

		@Override
		public String toString() {
			return switch (this.kind) {
				case HEADER -> "header " + this.name;
				case QUERY_PARAM -> "query parameter " + this.name;
				case COOKIE -> "cookie " + this.name;
			};
		}

		/**
		 * Kinds of places.
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

}
