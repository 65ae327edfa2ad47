package io.github.jwtstarter.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The parts of a request that tokens are read from, so that {@link TokenResolver}'s
 * rules serve every web stack. Each web layer adapts its request type.
 */
public interface TokenRequest {

	/**
	 * Returns every value of a header, in order.
	 * @param name the header name (case-insensitive)
	 * @return the values, empty when the header is absent
	 */
	List<String> headers(String name);

	/**
	 * Returns the raw (still encoded) query string.
	 * @return the query string, or {@code null} when the request has none
	 */
	@Nullable String rawQuery();

	/**
	 * Returns the values of every cookie of that name.
	 * @param name the cookie name
	 * @return the values, empty when there is no such cookie
	 */
	List<String> cookies(String name);

}
