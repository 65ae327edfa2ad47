package io.github.jwtstarter.sample;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end: the sample application with three providers (two remote JWK
 * Sets over loopback HTTP, one local PEM key), real signed tokens, real HTTP.
 * <p>
 * Written once for both web stacks: {@code ServletMultiIssuerEndToEndTests} (sample-app,
 * Tomcat) and {@code ReactiveMultiIssuerEndToEndTests} (sample-reactive, Netty) run these
 * scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MultiIssuerEndToEndTests {

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final JwksServer partner = JwksServer.start(PARTNER_KEY);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("jwt.max-token-size", () -> "4KB");
		CorpAndKube.registerCorp(registry, corp::jwksUri);
		registry.add("jwt.providers.corp.audiences", () -> "pets-api");
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.jwks.uri", partner::jwksUri);
		registry.add("jwt.providers.partner.token-source.cookies", () -> "partner_token");
		CorpAndKube.registerKube(registry);
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
	}

	@AfterAll
	static void stopServers() {
		corp.close();
		partner.close();
	}

	static TestJwts corpToken() {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.audience("pets-api")
			.scope("pets.read pets.write");
	}

	HttpResponse<String> get(String path, String... headers) {
		return new TestHttp(this.port).getWithHeaders(path, headers);
	}

	HttpResponse<String> getWithBearer(String path, String token) {
		return get(path, "Authorization", "Bearer " + token);
	}

	@Test
	void anonymousCallersLearnNoIssuerOrProviderFromHealthOr401Bodies() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).doesNotContain("\"jwt\"").doesNotContain("components");
		String forged = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.audience("pets-api")
			.signWith(TestKeys.rsa("corp-1"));
		List<HttpResponse<String>> rejections = List.of(get("/whoami"), getWithBearer("/whoami", "garbage"),
				getWithBearer("/whoami", TestJwts.issuer("https://unknown.example").subject("x").signWith(CORP_KEY)),
				getWithBearer("/whoami", forged),
				getWithBearer("/whoami", corpToken().audience("other-api").signWith(CORP_KEY)));
		for (HttpResponse<String> rejection : rejections) {
			assertThat(rejection.statusCode()).isEqualTo(401);
			String visible = rejection.body() + rejection.headers().map();
			assertThat(visible).doesNotContain("corp.example", "partner.example", "kubernetes/serviceaccount",
					"unknown.example", "corp", "partner", "kube");
		}
	}

	@Test
	void tokensOfAllThreeProvidersAreAccepted() throws Exception {
		HttpResponse<String> corpResponse = getWithBearer("/whoami", corpToken().signWith(CORP_KEY));
		assertThat(corpResponse.statusCode()).isEqualTo(200);
		assertThat(corpResponse.body()).contains("\"name\":\"alice\"")
			.contains("\"provider\":\"corp\"")
			.contains("SCOPE_pets.read");
		HttpResponse<String> partnerResponse = getWithBearer("/whoami",
				TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY));
		assertThat(partnerResponse.statusCode()).isEqualTo(200);
		assertThat(partnerResponse.body()).contains("\"provider\":\"partner\"");
		HttpResponse<String> kubeResponse = getWithBearer("/whoami",
				TestJwts.issuer("kubernetes/serviceaccount")
					.subject("system:serviceaccount:default:svc-a")
					.noExpiry()
					.signWith(KUBE_KEY));
		assertThat(kubeResponse.statusCode()).isEqualTo(200);
		assertThat(kubeResponse.body()).contains("\"provider\":\"kube\"")
			.contains("system:serviceaccount:default:svc-a");
	}

	@Test
	void bearerSchemeIsCaseInsensitive() throws Exception {
		assertThat(get("/whoami", "Authorization", "bearer " + corpToken().signWith(CORP_KEY)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void missingTokenGetsTheBareChallenge() throws Exception {
		HttpResponse<String> response = get("/api/pets");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void allowMissingRouteServesAnonymousRequests() throws Exception {
		assertThat(get("/public/hello").statusCode()).isEqualTo(200);
		assertInvalidToken(getWithBearer("/public/hello", "garbage"), "malformed token");
	}

	@Test
	void scopeBasedMethodSecurityDeniesWith403() throws Exception {
		String readOnly = TestJwts.issuer("https://partner.example")
			.subject("bob")
			.scope("pets.read")
			.signWith(PARTNER_KEY);
		TestHttp http = new TestHttp(this.port);
		HttpResponse<String> response = http.send(http.newRequest("/api/pets")
			.header("Authorization", "Bearer " + readOnly)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Rex\",\"species\":\"dog\"}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer error=\"insufficient_scope\""));
	}

	@Test
	void hostileTokensAreRejectedWith401() throws Exception {
		JWTClaimsSet claims = corpToken().claimsSet();
		RSAKey attacker = TestKeys.rsa("corp-1");
		assertInvalidToken(getWithBearer("/whoami", corpToken().noExpiry().signWith(CORP_KEY)), "expiration required");
		assertInvalidToken(getWithBearer("/whoami",
				corpToken().issuedAt(Instant.now().minus(Duration.ofHours(2)))
					.expiresAt(Instant.now().minus(Duration.ofHours(1)))
					.signWith(CORP_KEY)),
				"expired");
		assertInvalidToken(getWithBearer("/whoami",
				corpToken().issuedAt(Instant.now().plus(Duration.ofDays(365)))
					.expiresAt(Instant.now().plus(Duration.ofDays(366)))
					.signWith(CORP_KEY)),
				"issued in the future");
		assertInvalidToken(
				getWithBearer("/whoami", TestJwts.issuer("https://CORP.example").subject("x").signWith(CORP_KEY)),
				"unknown issuer");
		assertInvalidToken(
				getWithBearer("/whoami",
						TestJwts.issuer("https://corp.example").subject("x").audience("other").signWith(CORP_KEY)),
				"audience not allowed");
		assertInvalidToken(getWithBearer("/whoami", corpToken().signWith(attacker)), "invalid signature");
		assertInvalidToken(getWithBearer("/whoami", corpToken().signWith(TestKeys.rsa("unknown"))),
				"invalid signature");
		assertInvalidToken(getWithBearer("/whoami", corpToken().signWith(KUBE_KEY)), "invalid signature");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.unsigned(claims)), "malformed token");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.withCrit(CORP_KEY, claims, "exp")), "unsupported token");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.withB64False(CORP_KEY, claims)), "unsupported token");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.jwe(CORP_KEY.toPublicJWK(), claims)), "unsupported token");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.jsonSerialized(CORP_KEY, claims)), "unsupported token");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.withEmbeddedJwk(attacker, claims)), "invalid signature");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.withJku(attacker, corp.uri() + "/evil", claims)),
				"invalid signature");
		assertInvalidToken(getWithBearer("/whoami", TestJwts.withX5c(attacker, claims)), "invalid signature");
		JWTClaimsSet kubeClaims = TestJwts.issuer("kubernetes/serviceaccount").subject("x").noExpiry().claimsSet();
		assertInvalidToken(
				getWithBearer("/whoami", TestJwts.hmacSignedWithPublicKey(KUBE_KEY.toPublicJWK(), kubeClaims)),
				"invalid signature");
		assertInvalidToken(
				getWithBearer("/whoami", TestJwts.hmacSignedWithPublicKeyPem(KUBE_KEY.toPublicJWK(), kubeClaims)),
				"invalid signature");
		assertInvalidToken(getWithBearer("/whoami", "a".repeat(5 * 1024)), "token too large");
		// beyond the server's header limit (8 KB on Tomcat and Netty) the server answers
		// itself:
		// 400 on Tomcat, 431 on Netty
		assertThat(getWithBearer("/whoami", "a".repeat(17 * 1024)).statusCode()).isIn(400, 431);
	}

	@Test
	void twoAuthorizationHeadersAreRejected() throws Exception {
		String token = corpToken().signWith(CORP_KEY);
		assertInvalidToken(get("/whoami", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token),
				"multiple tokens");
	}

	@Test
	void twoDifferentTokensInTwoLocationsAreRejected() throws Exception {
		String partnerToken = TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY);
		assertInvalidToken(get("/whoami", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY), "Cookie",
				"partner_token=" + partnerToken), "multiple tokens");
		assertThat(get("/whoami", "Authorization", "Bearer " + partnerToken, "Cookie", "partner_token=" + partnerToken)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void tokenInALocationItsProviderDoesNotListIsRejected() throws Exception {
		assertThat(get("/whoami", "Cookie",
				"partner_token=" + TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY))
			.statusCode()).isEqualTo(200);
		assertInvalidToken(get("/whoami", "Cookie", "partner_token=" + corpToken().signWith(CORP_KEY)),
				"issuer not allowed here");
	}

	@Test
	void tokenInAnUnconfiguredQueryParameterIsNotRead() throws Exception {
		HttpResponse<String> response = get("/whoami?access_token=" + corpToken().signWith(CORP_KEY));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void randomizedMalformedTokensAndHeadersNeverYield5xx() throws Exception {
		Random random = new Random(42);
		String valid = corpToken().signWith(CORP_KEY);
		String[] parts = valid.split("\\.");
		List<String> rejected = new ArrayList<>();
		List<String> mutated = new ArrayList<>();
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/{}\"': ,%";
		for (int i = 0; i < 80; i++) {
			StringBuilder noise = new StringBuilder();
			int length = random.nextInt(300);
			for (int j = 0; j < length; j++) {
				noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			rejected.add(noise.toString());
		}
		// a mutation may leave the token valid (same character, or only the unused
		// trailing bits of
		// the base64url signature): for those only "never 5xx" is asserted
		for (int i = 0; i < 60; i++) {
			char[] chars = valid.toCharArray();
			for (int j = 0; j < 1 + random.nextInt(5); j++) {
				chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
			}
			mutated.add(new String(chars));
		}
		List<String> headers = List.of("{\"alg\":\"RS256\"}", "{\"alg\":\"none\"}",
				"{\"alg\":\"HS256\",\"kid\":\"corp-1\"}", "{\"alg\":\"RS256\",\"crit\":[\"x\"],\"x\":1}", "{}", "[]",
				"null", "{\"alg\":1}", "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}",
				"{" + "\"a\":{".repeat(200) + "}".repeat(201));
		List<String> payloads = List.of("{\"iss\":\"https://corp.example\"}", "{\"iss\":1}", "{\"iss\":null}",
				"{\"iss\":\"https://corp.example\",\"exp\":\"soon\"}", "{\"iss\":\"https://corp.example\",\"aud\":{}}",
				"{\"iss\":\"https://corp.example\",\"exp\":1e400}", "not json", "", "[" + "[".repeat(500));
		for (String header : headers) {
			for (String payload : payloads) {
				rejected.add(b64(header) + "." + b64(payload) + "." + parts[2]);
			}
		}
		for (int i = 0; i < 20; i++) {
			rejected.add(parts[0] + "." + parts[1] + "." + parts[2] + ".".repeat(1 + random.nextInt(4)));
		}
		assertThat(rejected.size() + mutated.size()).isGreaterThanOrEqualTo(200);
		for (String input : rejected) {
			String value = input.strip();
			HttpResponse<String> bearer = get("/whoami", "Authorization", "Bearer " + value);
			assertThat(bearer.statusCode()).as("Bearer %s", value).isEqualTo(401);
			if (value.length() > 8) {
				assertThat(bearer.body()).doesNotContain(value);
			}
			assertNever5xx(value);
		}
		for (String input : mutated) {
			String value = input.strip();
			assertThat(get("/whoami", "Authorization", "Bearer " + value).statusCode()).as("Bearer %s", value)
				.isIn(200, 401);
			assertNever5xx(value);
		}
	}

	private void assertNever5xx(String value) throws IOException, InterruptedException {
		HttpResponse<String> raw = get("/whoami", "Authorization", value.isEmpty() ? "x" : value);
		assertThat(raw.statusCode()).as("raw %s", value).isLessThan(500);
		HttpResponse<String> cookie = get("/whoami", "Cookie",
				"partner_token=" + value.replace(";", "").replace(",", ""));
		assertThat(cookie.statusCode()).as("cookie %s", value).isLessThan(500);
	}

	static String b64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
