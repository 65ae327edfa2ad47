package io.github.jwtstarter.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request as the application (or, behind a gateway, the upstream) received it.
 *
 * @param method the HTTP method
 * @param target the raw path and query
 * @param headers every header by lower-case name
 * @param principal the name of the authenticated principal the application saw,
 * {@code null} when anonymous or behind a gateway (the upstream of a gateway has no
 * security of its own)
 */
public record Received(String method, String target, Map<String, List<String>> headers, @Nullable String principal) {

	/**
	 * Returns the values of a header.
	 * @param name the header name, any case
	 * @return its values, empty when absent
	 */
	public List<String> header(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * Returns whether the text occurs anywhere in the request target or headers.
	 * @param text the text, e.g. a token
	 * @return whether the application saw it
	 */
	public boolean contains(String text) {
		List<String> all = new ArrayList<>();
		all.add(this.target);
		this.headers.forEach((name, values) -> {
			all.add(name);
			all.addAll(values);
		});
		return all.stream().anyMatch((value) -> value.contains(text));
	}

}
