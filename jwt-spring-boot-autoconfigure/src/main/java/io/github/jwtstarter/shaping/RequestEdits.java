package io.github.jwtstarter.shaping;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * What request shaping changes in one request, for a web layer to apply: headers replaced
 * (an empty list removes the header) keyed by lower-case name, and query parameters and
 * cookies hidden. The {@code cookie} header, when cookies are hidden, is among the
 * replaced headers.
 *
 * @param headers the replaced headers by lower-case name
 * @param hiddenParameters the query parameters hidden
 * @param hiddenCookies the cookies hidden
 */
public record RequestEdits(Map<String, Header> headers, Set<String> hiddenParameters, Set<String> hiddenCookies) {

	/**
	 * No change.
	 */
	public static final RequestEdits NONE = new RequestEdits(Map.of(), Set.of(), Set.of());

	public RequestEdits {
		headers = Map.copyOf(headers);
		hiddenParameters = Set.copyOf(hiddenParameters);
		hiddenCookies = Set.copyOf(hiddenCookies);
	}

	/**
	 * Returns whether the request is left as it is.
	 * @return whether nothing changes
	 */
	public boolean isEmpty() {
		return this.headers.isEmpty() && this.hiddenParameters.isEmpty() && this.hiddenCookies.isEmpty();
	}

	/**
	 * Applies the header edits to mutable headers: each edited header's values are
	 * replaced (an empty list removes it).
	 * @param target the headers to change
	 */
	public void applyTo(HttpHeaders target) {
		for (Header header : this.headers.values()) {
			target.remove(header.name());
			if (!header.values().isEmpty()) {
				target.put(header.name(), header.values());
			}
		}
	}

	/**
	 * A header's new values.
	 *
	 * @param name the header name as configured
	 * @param values the values, empty to remove the header
	 */
	public record Header(String name, List<String> values) {

		public Header {
			values = List.copyOf(values);
		}

	}

}
