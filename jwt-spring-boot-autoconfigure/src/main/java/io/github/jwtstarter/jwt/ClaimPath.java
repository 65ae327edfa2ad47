package io.github.jwtstarter.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A claim path: how a claim is named everywhere a claim is named (authorities, RBAC
 * claims, {@code claims-to-headers}, {@code required-claims}, predicates, {@code @jwt}).
 * A path is first looked up as a top-level claim name (so URL-shaped claims such as
 * {@code https://example.com/roles} work); when absent and the path contains {@code .},
 * it is split into nested object keys ({@code realm_access.roles}), taking at each object
 * level the longest run of segments that names an existing key, so
 * {@code kubernetes.io.namespace} reaches {@code {"kubernetes.io": {"namespace": …}}}. A
 * segment in brackets names one key explicitly, dots included:
 * {@code [kubernetes.io].namespace}. The longest run is taken without backtracking: when
 * both {@code a.b} and {@code a} are keys of one object, {@code a.b.c} continues under
 * {@code a.b} only.
 * <p>
 * Parsed once (the candidate keys of each level are computed up front); immutable, with
 * equality on the path text. Call sites that resolve the same path for every request hold
 * a parsed path ({@link #of}); those that see a path only once (SpEL expressions) use
 * {@link #resolve(Map, String)}, which parses only when the path is not a top-level claim
 * name.
 */
public final class ClaimPath {

	private final String text;

	/**
	 * {@code keys[i][j]}: the key formed by segments {@code i} to {@code i + j}
	 * inclusive, longest first is {@code keys[i][keys[i].length - 1]}; an explicit
	 * segment has exactly one key, itself.
	 */
	private final String[][] keys;

	private final boolean nested;

	private ClaimPath(String text, String[][] keys, boolean nested) {
		this.text = text;
		this.keys = keys;
		this.nested = nested;
	}

	/**
	 * Parses a claim path.
	 * @param path the claim path, e.g. {@code sub}, {@code realm_access.roles},
	 * {@code kubernetes.io.namespace} or {@code [kubernetes.io].namespace}
	 * @return the parsed path
	 * @throws IllegalArgumentException if the path is empty or a bracket is not closed,
	 * or is not followed by {@code .} or the end of the path
	 */
	public static ClaimPath of(String path) {
		Assert.hasText(path, "path cannot be empty");
		List<String> segments = new ArrayList<>();
		List<Boolean> explicit = new ArrayList<>();
		int start = 0;
		while (true) {
			if (start < path.length() && path.charAt(start) == '[') {
				int close = path.indexOf(']', start + 1);
				if (close < 0) {
					throw new IllegalArgumentException("claim path '" + path + "' has an unclosed '['");
				}
				if (close + 1 < path.length() && path.charAt(close + 1) != '.') {
					throw new IllegalArgumentException(
							"claim path '" + path + "': a ']' must be followed by '.' or end the path");
				}
				segments.add(path.substring(start + 1, close));
				explicit.add(true);
				if (close + 1 >= path.length()) {
					break;
				}
				start = close + 2;
				continue;
			}
			int dot = path.indexOf('.', start);
			segments.add(path.substring(start, (dot < 0) ? path.length() : dot));
			explicit.add(false);
			if (dot < 0) {
				break;
			}
			start = dot + 1;
		}
		String[][] keys = new String[segments.size()][];
		for (int i = 0; i < segments.size(); i++) {
			if (explicit.get(i)) {
				keys[i] = new String[] { segments.get(i) };
				continue;
			}
			int runEnd = i;
			while (runEnd + 1 < segments.size() && !explicit.get(runEnd + 1)) {
				runEnd++;
			}
			keys[i] = new String[runEnd - i + 1];
			StringBuilder key = new StringBuilder(segments.get(i));
			keys[i][0] = key.toString();
			for (int j = 1; j < keys[i].length; j++) {
				key.append('.').append(segments.get(i + j));
				keys[i][j] = key.toString();
			}
		}
		return new ClaimPath(path, keys, segments.size() > 1 || explicit.get(0));
	}

	/**
	 * Resolves a claim path given as text, with the rules of a parsed path.
	 * @param claims the token's claims
	 * @param path the claim path
	 * @return the value, or {@code null} when absent
	 * @throws IllegalArgumentException if the path is malformed (see {@link #of})
	 */
	public static @Nullable Object resolve(Map<String, ?> claims, String path) {
		Object value = claims.get(path);
		if (value != null || (path.indexOf('.') < 0 && path.indexOf('[') < 0)) {
			return value;
		}
		return of(path).resolve(claims);
	}

	/**
	 * Resolves this path in a token's claims.
	 * @param claims the claims
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable Object resolve(Map<String, ?> claims) {
		Object value = claims.get(this.text);
		if (value != null || !this.nested) {
			return value;
		}
		Object current = claims;
		int i = 0;
		while (i < this.keys.length) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			String[] candidates = this.keys[i];
			Object next = null;
			int consumed = 0;
			for (int j = candidates.length - 1; j >= 0; j--) {
				next = map.get(candidates[j]);
				if (next != null) {
					consumed = j + 1;
					break;
				}
			}
			if (next == null) {
				return null;
			}
			current = next;
			i += consumed;
		}
		return current;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ClaimPath that && this.text.equals(that.text));
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	/**
	 * Returns the path as written.
	 * @return the path text
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
