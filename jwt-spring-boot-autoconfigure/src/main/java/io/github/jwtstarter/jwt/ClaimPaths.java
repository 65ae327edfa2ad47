package io.github.jwtstarter.jwt;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Resolves claim paths given as text, for call sites that see a path only once (SpEL
 * expressions); the rules are {@link ClaimPath}'s. Call sites that resolve the same path
 * for every request hold a {@link ClaimPath} instead.
 */
public final class ClaimPaths {

	private ClaimPaths() {
	}

	/**
	 * Resolves a claim path.
	 * @param claims the token's claims
	 * @param path the claim path
	 * @return the value, or {@code null} when absent
	 * @throws IllegalArgumentException if the path is malformed (see {@link ClaimPath#of})
	 */
	public static @Nullable Object resolve(Map<String, ?> claims, String path) {
		Object value = claims.get(path);
		if (value != null || (path.indexOf('.') < 0 && path.indexOf('[') < 0)) {
			return value;
		}
		return ClaimPath.of(path).resolve(claims);
	}

}
