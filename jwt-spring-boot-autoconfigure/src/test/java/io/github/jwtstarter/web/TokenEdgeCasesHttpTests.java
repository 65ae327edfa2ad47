package io.github.jwtstarter.web;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validly signed tokens at the edges of what the starter accepts, over real HTTP.
 */
@SpringBootTest(classes = ClaimsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenEdgeCasesHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final List<ECKey> MANY_KEYS = IntStream.range(0, 6)
		.mapToObj((i) -> TestKeys.ec("many-" + i, Curve.P_256))
		.toList();

	static final Instant YEAR_3000 = Instant.parse("3000-01-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	JwtIssuerAuthenticationManagerResolver resolver;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.providers.many.issuer", () -> "https://many.example");
		registry.add("jwt.providers.many.jwks.local",
				() -> TestKeys.toPublicJwkSetJson(MANY_KEYS.toArray(new ECKey[0])));
		registry.add("jwt.routes[0].paths", () -> "/verified/**");
		registry.add("jwt.routes[0].providers", () -> "verified");
		registry.add("jwt.providers.verified.issuer", () -> "https://verified.example");
		registry.add("jwt.providers.verified.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.providers.verified.required-claims.email_verified", () -> "true");
		registry.add("jwt.providers.verified.required-claims.level", () -> 2);
		registry.add("jwt.providers.verified.required-claims.org", () -> "solo.io");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice");
	}

	@Test
	void b64HeaderIsRejectedEvenWhenTrue() {
		String token = TestJwts.withB64True(KEY, corp().claimsSet());
		assertInvalidToken(this.http.get("/whoami", token), "unsupported token");
		assertInvalidToken(this.http.get("/whoami", TestJwts.withB64False(KEY, corp().claimsSet())),
				"unsupported token");
	}

	@Test
	void requiredClaimsCompareJsonTypes() {
		TestJwts verified = TestJwts.issuer("https://verified.example").subject("alice");
		assertOk(this.http.get("/verified/x",
				verified.claim("email_verified", true).claim("level", 2).claim("org", "solo.io").signWith(KEY)));
		assertInvalidToken(this.http.get("/verified/x",
				verified.claim("email_verified", "true").claim("level", 2).claim("org", "solo.io").signWith(KEY)),
				"required claim not satisfied");
		assertInvalidToken(this.http.get("/verified/x",
				verified.claim("email_verified", true).claim("level", "2").claim("org", "solo.io").signWith(KEY)),
				"required claim not satisfied");
		assertInvalidToken(this.http.get("/verified/x",
				verified.claim("email_verified", true)
					.claim("level", 2)
					.claim("org", List.of("solo.io"))
					.signWith(KEY)),
				"required claim not satisfied");
		assertOk(this.http.get("/verified/x",
				verified.claim("email_verified", true).claim("level", 2.0).claim("org", "solo.io").signWith(KEY)));
	}

	@Test
	void tokenWithoutKidIsTriedAgainstAtMostFourKeys() {
		TestJwts many = TestJwts.issuer("https://many.example").subject("alice").header((header) -> header.keyID(null));
		assertOk(this.http.get("/whoami", many.signWith(MANY_KEYS.get(0))));
		assertOk(this.http.get("/whoami", many.signWith(MANY_KEYS.get(3))));
		assertInvalidToken(this.http.get("/whoami", many.signWith(MANY_KEYS.get(5))), "invalid signature");
		TestJwts withKid = TestJwts.issuer("https://many.example").subject("alice");
		assertOk(this.http.get("/whoami", withKid.signWith(MANY_KEYS.get(5))));
	}

	@Test
	void tokenExpiringInTheYear3000IsAccepted() {
		String token = corp().expiresAt(YEAR_3000).signWith(KEY);
		assertOk(this.http.get("/whoami", token));
		assertOk(this.http.get("/whoami", token));
	}

	@Test
	void tokenExpiringInTheYear3000IsAcceptedThroughTheIssuerResolver() {
		String token = corp().expiresAt(YEAR_3000).signWith(KEY);
		Authentication authentication = this.resolver.resolve(null)
			.authenticate(new BearerTokenAuthenticationToken(token));
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getName()).isEqualTo("alice");
	}

}
