package io.github.jwtstarter.test;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Verified-token Authentications for predicate, matcher and RBAC tests (no signature: for
 * classes that only read an Authentication).
 */
public final class TestAuthentications {

	private TestAuthentications() {
	}

	public static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
	}

	public static ProviderJwtAuthenticationToken authentication(String provider, Map<String, Object> claims) {
		return new ProviderJwtAuthenticationToken(jwt(claims), List.of(new SimpleGrantedAuthority("SCOPE_read")),
				"alice", provider);
	}

	public static Map<String, Object> claims() {
		return Map.of("org", "solo.io", "level", 42L, "groups", List.of("dev", "ops"), "email", "alice@solo.io",
				"realm_access", Map.of("roles", List.of("admin")));
	}

}
