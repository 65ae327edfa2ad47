package io.github.jwtstarter.routing;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authorization.ProviderJwtAuthenticationToken;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Verified-token Authentications for predicate and matcher tests.
 */
final class JwtConditionFixtures {

	private JwtConditionFixtures() {
	}

	static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
	}

	static ProviderJwtAuthenticationToken authentication(String provider, Map<String, Object> claims) {
		return new ProviderJwtAuthenticationToken(jwt(claims), List.of(new SimpleGrantedAuthority("SCOPE_read")),
				"alice", provider);
	}

	static Map<String, Object> claims() {
		return Map.of("org", "solo.io", "level", 42L, "groups", List.of("dev", "ops"), "email", "alice@solo.io",
				"realm_access", Map.of("roles", List.of("admin")));
	}

}
