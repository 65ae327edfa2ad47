package io.github.jwtstarter.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter.Mapping;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authorization.ClaimMatchers;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.authorization.RbacPrincipal;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;

/**
 * The per-request cost of authorization: turning claims into authorities (the starter's
 * {@link ClaimAuthoritiesConverter} on the {@code scope} claim against Spring Security's
 * {@link JwtGrantedAuthoritiesConverter} doing the same, and the starter on a realistic
 * three-claim mapping: {@code scope}, {@code roles}, {@code realm_access.roles}), and an
 * RBAC decision among 10 policies, the covering one last.
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

	@Benchmark
	public AuthorizationResult rbacDecision10Policies(Rbac state) {
		return state.manager.authorize(state.authentication, state.request);
	}

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

	/**
	 * 10 policies as {@code jwt.rbac.policies} maps them, each covering
	 * {@code /api/service-<i>/**} for GET and POST and allowing the {@code sub} of one
	 * service account of provider {@code p0} or members of one group; the request is
	 * {@code GET /api/service-9/items/42} with a token the starter verified, whose
	 * {@code groups} claim matches the last policy's second principal.
	 */
	@State(Scope.Benchmark)
	public static class Rbac {

		RbacAuthorizationManager manager;

		Supplier<Authentication> authentication;

		RequestAuthorizationContext request;

		ConfigurableApplicationContext context;

		@Setup(Level.Trial)
		public void setUp() {
			RSAKey key = TestKeys.rsa("rbac");
			this.context = BenchmarkTokens.starter(1, key, false, "jdk");
			String token = TestJwts.issuer(BenchmarkTokens.issuer(0))
				.subject("alice")
				.audience(BenchmarkTokens.AUDIENCE)
				.claim("groups", List.of("team-3", "team-9"))
				.expiresIn(Duration.ofDays(7))
				.signWith(key);
			Authentication verified = this.context.getBean(JwtVerifier.class)
				.verify(token, (provider) -> true)
				.authentication();
			this.authentication = () -> verified;
			List<RbacPolicy> policies = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				policies.add(new RbacPolicy("service-" + i, List.of("/api/service-" + i + "/**"), Set.of("GET", "POST"),
						List.of(new RbacPrincipal("p0", List.of(ClaimMatchers.exactString("sub", "svc-" + i))),
								new RbacPrincipal(null, List.of(ClaimMatchers.listContains("groups", "team-" + i))))));
			}
			this.manager = new RbacAuthorizationManager(new RbacRules(policies, false,
					new JwtRoutes(List.of(), JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID))));
			this.request = new RequestAuthorizationContext(
					new MockHttpServletRequest("GET", "/api/service-9/items/42"));
			Assert.state(this.manager.authorize(this.authentication, this.request).isGranted(),
					"the benchmark request must be allowed");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

	}

}
