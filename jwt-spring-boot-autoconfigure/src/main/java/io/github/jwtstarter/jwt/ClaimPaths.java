package io.github.jwtstarter.jwt;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Resolves claim paths: a path is first looked up as a top-level claim name (so
 * URL-shaped claims such as {@code https://example.com/roles} work); when absent and the
 * path contains {@code .}, it is split into nested object keys
 * ({@code realm_access.roles}).
 *
 * @author jwt-spring-boot-starter
 */
public final class ClaimPaths {

	private ClaimPaths() {
	}

	/**
	 * Resolves a claim path.
	 * @param claims the token's claims
	 * @param path the claim path
	 * @return the value, or {@code null} when absent
	 */
	public static @Nullable Object resolve(Map<String, Object> claims, String path) {
		Object value = claims.get(path);
		if (value != null || path.indexOf('.') < 0) {
			return value;
		}
		Object current = claims;
		int start = 0;
		while (start <= path.length()) {
			int end = path.indexOf('.', start);
			String key = path.substring(start, (end < 0) ? path.length() : end);
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
			if (end < 0) {
				return current;
			}
			start = end + 1;
		}
		return null;
	}

}
