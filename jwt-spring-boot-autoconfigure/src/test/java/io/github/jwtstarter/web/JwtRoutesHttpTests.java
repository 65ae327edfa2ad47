package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.JwtAuthoritiesConverterCustomizer;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static io.github.jwtstarter.test.TestHttp.assertTokenRequired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes and validation policies over real HTTP: the three policies, provider subsets,
 * {@code disabled}, methods, first match wins; and claim-to-authority mapping as the
 * application sees it. No RBAC policy is configured here.
 * <p>
 * Written once for both web stacks: {@code ServletJwtRoutesHttpTests} and
 * {@code ReactiveJwtRoutesHttpTests} run these scenarios against the same application on
 * Tomcat and on Netty.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, JwtRoutesHttpTests.Customizers.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class JwtRoutesHttpTests {

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final RSAKey ATTACKER_KEY = TestKeys.rsa("corp-1");

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	@LocalServerPort
	int port;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.registerCorp(registry, corp::jwksUri);
		registry.add("jwt.providers.corp.authorities[0].claim", () -> "scope");
		registry.add("jwt.providers.corp.authorities[1].claim", () -> "realm_access.roles");
		registry.add("jwt.providers.corp.authorities[1].prefix", () -> "ROLE_");
		registry.add("jwt.providers.corp.authorities[2].claim", () -> "https://example.com/groups");
		registry.add("jwt.providers.corp.authorities[2].prefix", () -> "GROUP_");
		registry.add("jwt.providers.corp.authorities[2].delimiter", () -> ",");
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.jwks.local", () -> TestKeys.toPublicJwkSetJson(PARTNER_KEY));
		CorpAndKube.registerKube(registry);
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
		String[][] routes = { { "/public/**", null, "allow-missing", null, null },
				{ "/optional/**", null, "allow-missing-or-failed", null, null },
				{ "/partners/**", null, null, "partner", null }, { "/health/**", null, null, null, "true" },
				{ "/mixed/**", "POST", null, null, "true" }, { "/mixed/**", null, "allow-missing", null, null },
				{ "/first/**", null, "allow-missing", null, null },
				{ "/first/**", null, "require-valid", null, null } };
		for (int i = 0; i < routes.length; i++) {
			String route = "jwt.routes[" + i + "].";
			String[] values = routes[i];
			registry.add(route + "paths", () -> values[0]);
			add(registry, route + "methods", values[1]);
			add(registry, route + "validation-policy", values[2]);
			add(registry, route + "providers", values[3]);
			add(registry, route + "disabled", values[4]);
		}
	}

	private static void add(DynamicPropertyRegistry registry, String name, String value) {
		if (value != null) {
			registry.add(name, () -> value);
		}
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static TestJwts corp(String subject) {
		return TestJwts.issuer("https://corp.example").subject(subject);
	}

	static String corpToken() {
		return corp("alice").scope("pets.read").signWith(CORP_KEY);
	}

	static String partnerToken() {
		return TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY);
	}

	static String expiredToken() {
		return corp("alice").issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
	}

	static String forgedToken() {
		return corp("alice").signWith(ATTACKER_KEY);
	}

	@Test
	void requireValidIsTheDefaultForUnmatchedRequests() {
		assertTokenRequired(this.http.get("/anything"));
		assertInvalidToken(this.http.get("/anything", expiredToken()), "expired");
		assertInvalidToken(this.http.get("/anything", forgedToken()), "invalid signature");
		assertInvalidToken(this.http.get("/anything", "not-a-jwt"), "malformed token");
		assertThat(this.http.get("/anything", corpToken()).body()).contains("\"name\":\"alice\"");
	}

	@Test
	void errorResponsesAreTheSameTextOnEveryStack() {
		HttpResponse<String> missing = this.http.get("/anything");
		assertExactProblem(missing, 401, "Bearer",
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bearer token required\"}");
		HttpResponse<String> expired = this.http.get("/anything", expiredToken());
		assertExactProblem(expired, 401, "Bearer error=\"invalid_token\", error_description=\"expired\"",
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"expired\"}");
	}

	/**
	 * The headers the starter writes, exactly; the servers and Spring Security add others
	 * (Tomcat a {@code Date}, the reactive chain a {@code Referrer-Policy}).
	 */
	static void assertExactProblem(HttpResponse<String> response, int status, String challenge, String body) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
		assertThat(response.headers().allValues("Content-Type")).containsExactly("application/problem+json");
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
		assertThat(response.headers().allValues("Content-Length")).containsExactly(String.valueOf(body.length()));
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void allowMissingLetsRequestsWithoutTokenPassAnonymouslyButRejectsBadTokens() {
		assertThat(this.http.get("/public/hello").body()).contains("\"authenticated\":false");
		assertInvalidToken(this.http.get("/public/hello", expiredToken()), "expired");
		assertInvalidToken(this.http.get("/public/hello", forgedToken()), "invalid signature");
		assertThat(this.http.get("/public/hello", corpToken()).body()).contains("\"authenticated\":true")
			.contains("\"name\":\"alice\"");
	}

	@Test
	void allowMissingOrFailedLetsBadTokensPassAnonymouslyAndAuthenticatesGoodOnes() {
		assertThat(this.http.get("/optional/x").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/optional/x", expiredToken()).body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/optional/x", forgedToken()).body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/optional/x", "garbage").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/optional/x", corpToken()).body()).contains("\"authenticated\":true")
			.contains("\"provider\":\"corp\"");
	}

	@Test
	void providersSubsetRejectsTokensOfOtherProvidersOnTheRoute() {
		assertInvalidToken(this.http.get("/partners/orders", corpToken()), "issuer not allowed here");
		assertThat(this.http.get("/partners/orders", partnerToken()).body()).contains("\"provider\":\"partner\"");
		assertTokenRequired(this.http.get("/partners/orders"));
		assertThat(this.http.get("/elsewhere", corpToken()).body()).contains("\"provider\":\"corp\"");
	}

	@Test
	void disabledRouteSkipsJwtProcessingEntirely() {
		assertThat(this.http.get("/health/live").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/health/live", "garbage").body()).contains("\"authenticated\":false");
		assertThat(this.http.get("/health/live", corpToken()).body()).contains("\"authenticated\":false");
	}

	@Test
	void routeMethodsRestrictWhichRequestsTheRouteCovers() {
		assertThat(this.http.send("POST", "/mixed/x", "garbage").statusCode()).isEqualTo(200);
		assertInvalidToken(this.http.send("GET", "/mixed/x", "garbage"), "malformed token");
		assertThat(this.http.send("GET", "/mixed/x", null).body()).contains("\"authenticated\":false");
	}

	@Test
	void firstMatchingRouteWins() {
		assertThat(this.http.get("/first/x").body()).contains("\"authenticated\":false");
	}

	@Test
	void authoritiesComeFromStringListNestedAndUrlShapedClaims() {
		String token = corp("alice").scope("pets.read pets.write")
			.claim("realm_access", Map.of("roles", List.of("admin", "user")))
			.claim("https://example.com/groups", "ops,dev")
			.signWith(CORP_KEY);
		assertThat(this.http.get("/whoami", token).body()).contains(
				"\"authorities\":[\"SCOPE_pets.read\",\"SCOPE_pets.write\",\"ROLE_admin\",\"ROLE_user\",\"GROUP_ops\",\"GROUP_dev\"]");
	}

	@Test
	void wrongTypedAuthorityClaimsAreIgnored() {
		String token = corp("alice").claim("scope", 42)
			.claim("realm_access", Map.of("roles", Map.of("admin", true)))
			.claim("https://example.com/groups", List.of(1, true, "ops"))
			.signWith(CORP_KEY);
		HttpResponse<String> response = this.http.get("/whoami", token);
		assertOk(response);
		assertThat(response.body()).contains("\"authorities\":[\"GROUP_ops\"]");
	}

	@Test
	void defaultMappingTakesScopeAndScp() {
		String token = TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry()
			.claim("scp", List.of("pets.read"))
			.scope("pets.write")
			.signWith(KUBE_KEY);
		assertThat(this.http.get("/whoami", token).body())
			.contains("\"authorities\":[\"SCOPE_pets.write\",\"SCOPE_pets.read\"]");
	}

	@Test
	void authoritiesCustomizerAppliesPerProvider() {
		assertThat(this.http.get("/whoami", partnerToken()).body()).contains("\"authorities\":[\"PARTNER\"]");
		assertThat(this.http.get("/whoami", corpToken()).body()).doesNotContain("PARTNER");
	}

	@Test
	void failingAuthorityConverterIsA401NotA500() {
		String token = TestJwts.issuer("https://partner.example")
			.subject("bob")
			.claim("boom", true)
			.signWith(PARTNER_KEY);
		assertInvalidToken(this.http.get("/whoami", token), "invalid token");
		assertThat(this.http.get("/optional/x", token).body()).contains("\"authenticated\":false");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		JwtAuthoritiesConverterCustomizer partnerAuthorities() {
			return (providerId, converter) -> {
				if (!"partner".equals(providerId)) {
					return converter;
				}
				return (jwt) -> {
					if (jwt.hasClaim("boom")) {
						throw new IllegalStateException("converter failure");
					}
					List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("PARTNER"));
					return authorities;
				};
			};
		}

	}

}
