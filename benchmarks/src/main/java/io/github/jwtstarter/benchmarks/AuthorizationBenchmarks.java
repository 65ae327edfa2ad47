package io.github.jwtstarter.benchmarks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.jwtstarter.authorization.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authorization.ClaimAuthoritiesConverter.Mapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The per-request cost of turning claims into authorities: the starter's
 * {@link ClaimAuthoritiesConverter} on the {@code scope} claim against Spring Security's
 * {@link JwtGrantedAuthoritiesConverter} doing the same, and the starter on a realistic
 * three-claim mapping ({@code scope}, {@code roles}, {@code realm_access.roles}).
 * <p>
 * RBAC (issue 3): the decision for a set of 10 policies belongs here once the RBAC
 * classes are on {@code main}; see the marked place below.
 *
 * @author jwt-spring-boot-starter
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthorizationBenchmarks {

	@Benchmark
	public Collection<GrantedAuthority> springSecurityScopeAuthorities(Claims state) {
		return state.springScopes.convert(state.jwt);
	}

	@Benchmark
	public Collection<GrantedAuthority> starterScopeAuthorities(Claims state) {
		return state.starterScopes.convert(state.jwt);
	}

	@Benchmark
	public Collection<GrantedAuthority> starterThreeClaimAuthorities(Claims state) {
		return state.starterThreeClaims.convert(state.jwt);
	}

	// RBAC (issue 3, pending): add `rbacDecision10Policies` here, deciding one request
	// (method, path, verified token) against 10 policies built from `jwt.rbac.policies`
	// through the auto-configuration, with the matching policy last.

	/**
	 * A verified token with 5 scopes, 4 roles and 3 realm roles.
	 */
	@State(Scope.Benchmark)
	public static class Claims {

		final Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(BenchmarkTokens.issuer(0))
			.subject("alice")
			.audience(List.of(BenchmarkTokens.AUDIENCE))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(86400))
			.claim("scope", "pets.read pets.write orders.read orders.write profile")
			.claim("roles", List.of("admin", "billing", "support", "viewer"))
			.claim("realm_access", Map.of("roles", List.of("offline_access", "uma_authorization", "staff")))
			.build();

		final JwtGrantedAuthoritiesConverter springScopes = new JwtGrantedAuthoritiesConverter();

		final ClaimAuthoritiesConverter starterScopes = new ClaimAuthoritiesConverter(
				List.of(new Mapping("scope", "SCOPE_", " ")));

		final ClaimAuthoritiesConverter starterThreeClaims = new ClaimAuthoritiesConverter(
				List.of(new Mapping("scope", "SCOPE_", " "), new Mapping("roles", "ROLE_", " "),
						new Mapping("realm_access.roles", "ROLE_", " ")));

		{
			this.springScopes.setAuthoritiesClaimName("scope");
		}

	}

}
