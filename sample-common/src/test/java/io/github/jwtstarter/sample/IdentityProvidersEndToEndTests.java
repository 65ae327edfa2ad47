package io.github.jwtstarter.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.github.jwtstarter.authserver.AuthorizationServer;
import io.github.jwtstarter.authserver.AuthorizationServerApplication;
import io.github.jwtstarter.authserver.RotatingJwkSource;
import io.github.jwtstarter.jwt.JwksFetchEvent;
import io.github.jwtstarter.jwt.JwksFetchListener;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.authserver.AuthorizationServer.BILLING_APP;
import static io.github.jwtstarter.authserver.AuthorizationServer.PETS_APP;
import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * A sample application against a real identity provider (run by
 * {@code ServletIdentityProvidersEndToEndTests} and
 * {@code ReactiveIdentityProvidersEndToEndTests}): Spring Authorization Server running in
 * the same JVM as its own Spring Boot application on a loopback port, found by OIDC
 * discovery from its issuer alone. Next to it, a service-account provider with a local
 * PEM key and a partner provider with a remote JWK Set, so one request stream mixes three
 * issuers.
 * <p>
 * The first test runs while the authorization server is still down and starts it; the
 * others start it if needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IdentityProvidersEndToEndTests.FetchRecording.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class IdentityProvidersEndToEndTests {

	static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(200);

	static final Duration PATIENCE = Duration.ofSeconds(10);

	static final int AUTHORIZATION_SERVER_PORT = freePort();

	static final String SAS_ISSUER = "http://127.0.0.1:" + AUTHORIZATION_SERVER_PORT;

	static final String KUBE_ISSUER = "kubernetes/serviceaccount";

	static final String SERVICE_ACCOUNT = "system:serviceaccount:default:svc-a";

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-sa");

	static final String PARTNER_ISSUER = "https://partner.example";

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final JwksServer partnerJwks = JwksServer.start(PARTNER_KEY);

	static @Nullable AuthorizationServer authorizationServer;

	@LocalServerPort
	int port;

	@Autowired
	FetchRecorder fetches;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		// Spring Authorization Server: the issuer and nothing else, keys by discovery
		registry.add("jwt.providers.sas.issuer", () -> SAS_ISSUER);
		registry.add("jwt.providers.sas.audiences[0]", () -> PETS_APP);
		registry.add("jwt.providers.sas.jwks.min-refresh-interval", () -> MIN_REFRESH_INTERVAL.toMillis() + "ms");
		// Kubernetes service accounts: a local PEM key, tokens without exp
		registry.add("jwt.providers.kube.issuer", () -> KUBE_ISSUER);
		registry.add("jwt.providers.kube.require-expiration", () -> "false");
		registry.add("jwt.providers.kube.jwks.local", () -> TestKeys.toPem(KUBE_KEY));
		registry.add("jwt.providers.kube.authorities[0].claim", () -> "kubernetes.io/serviceaccount/namespace");
		registry.add("jwt.providers.kube.authorities[0].prefix", () -> "NAMESPACE_");
		// a partner: a remote JWK Set
		registry.add("jwt.providers.partner.issuer", () -> PARTNER_ISSUER);
		registry.add("jwt.providers.partner.audiences[0]", () -> "pets-api");
		registry.add("jwt.providers.partner.jwks.uri", partnerJwks::jwksUri);
	}

	@AfterAll
	static void stop() {
		if (authorizationServer != null) {
			authorizationServer.close();
			authorizationServer = null;
		}
		partnerJwks.close();
	}

	@Test
	@Order(1)
	void applicationStartsWhileTheAuthorizationServerIsDownAndDiscoversItOnceUp() {
		assertThat(authorizationServer).as("this test must run before the authorization server starts").isNull();
		assertThat(get("/public/hello", null).statusCode()).isEqualTo(200);
		assertThat(this.fetches.failures("sas") + this.fetches.successes("sas")).as("no discovery at startup").isZero();
		String forged = TestJwts.issuer(SAS_ISSUER)
			.subject(PETS_APP)
			.audience(PETS_APP)
			.scope("pets.read")
			.signWith(TestKeys.rsa(AuthorizationServerApplication.INITIAL_KEY_ID));
		assertInvalidToken(get("/api/pets", forged), "unable to verify token");
		assertThat(this.fetches.failures("sas")).isPositive();

		String token = authorizationServer().clientCredentialsToken(PETS_APP, "pets.read");
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(get("/api/pets", token).statusCode()).isEqualTo(200));
		assertThat(this.fetches.successes("sas")).isPositive();
		assertInvalidToken(get("/api/pets", forged), "invalid signature");
	}

	@Test
	@Order(2)
	void scopesOfAClientCredentialsTokenBecomeScopeAuthorities() {
		String token = authorizationServer().clientCredentialsToken(PETS_APP, "pets.read pets.write");
		HttpResponse<String> response = get("/whoami", token);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> whoami = json(response);
		assertThat(whoami).containsEntry("authenticated", true)
			.containsEntry("name", PETS_APP)
			.containsEntry("provider", "sas");
		assertThat(whoami.get("authorities")).asInstanceOf(LIST)
			.containsExactlyInAnyOrder("SCOPE_pets.read", "SCOPE_pets.write");
		assertThat(whoami.get("claims")).asInstanceOf(MAP)
			.containsEntry("iss", SAS_ISSUER)
			.containsEntry("aud", List.of(PETS_APP))
			.containsEntry("sub", PETS_APP);
	}

	@Test
	@Order(3)
	void addingAPetNeedsTheWriteScopeGrantedByTheAuthorizationServer() {
		AuthorizationServer server = authorizationServer();
		HttpResponse<String> created = post("/api/pets",
				server.clientCredentialsToken(PETS_APP, "pets.read pets.write"), "{\"name\":\"Rex\",\"kind\":\"dog\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(json(created)).containsEntry("name", "Rex");

		HttpResponse<String> denied = post("/api/pets", server.clientCredentialsToken(PETS_APP, "pets.read"),
				"{\"name\":\"Rex\",\"kind\":\"dog\"}");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
	}

	@Test
	@Order(4)
	void tokenIssuedToAnotherClientIsRejectedByItsAudience() {
		String token = authorizationServer().clientCredentialsToken(BILLING_APP, "pets.read");
		assertThat(SignedJwts.audience(token)).containsExactly(BILLING_APP);
		assertInvalidToken(get("/api/pets", token), "audience not allowed");
	}

	@Test
	@Order(5)
	void oneRequestStreamMixesThreeIssuersEachVerifiedByItsOwnProvider() {
		Map<String, String> expectedNames = Map.of("sas", PETS_APP, "kube", SERVICE_ACCOUNT, "partner", "bob");
		Map<String, String> tokens = Map.of("sas", authorizationServer().clientCredentialsToken(PETS_APP, "pets.read"),
				"kube", kubeToken().signWith(KUBE_KEY), "partner", partnerToken().signWith(PARTNER_KEY));
		List<String> order = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String provider = List.of("sas", "kube", "partner").get(i % 3);
			order.add(provider);
			responses
				.add(new TestHttp(this.port).getAsync("/whoami", "Authorization", "Bearer " + tokens.get(provider)));
		}
		for (int i = 0; i < responses.size(); i++) {
			HttpResponse<String> response = responses.get(i).join();
			String provider = order.get(i);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response)).containsEntry("provider", provider)
				.containsEntry("name", expectedNames.get(provider));
		}
		Map<String, Object> kube = json(get("/whoami", tokens.get("kube")));
		assertThat(kube.get("authorities")).asInstanceOf(LIST).containsExactly("NAMESPACE_default");
	}

	@Test
	@Order(6)
	void tokenIsAcceptedOnlyWithTheKeyOfTheProviderItsIssuerNames() {
		JWK sasKey = authorizationServer().keys().signingKey();
		assertInvalidToken(get("/whoami", kubeToken().signWith(PARTNER_KEY)), "invalid signature");
		assertInvalidToken(get("/whoami", kubeToken().signWith(sasKey)), "invalid signature");
		assertInvalidToken(get("/whoami", partnerToken().signWith(KUBE_KEY)), "invalid signature");
		assertInvalidToken(get("/whoami", partnerToken().signWith(sasKey)), "invalid signature");
		assertInvalidToken(get("/whoami", sasToken().signWith(KUBE_KEY)), "invalid signature");
		assertInvalidToken(get("/whoami", sasToken().signWith(PARTNER_KEY)), "invalid signature");
		// the same key with the right issuer is accepted: the issuer, not the key,
		// decides
		assertThat(get("/whoami", sasToken().signWith(sasKey)).statusCode()).isEqualTo(200);
		// per-provider rules: only the service-account provider accepts tokens without
		// exp
		assertThat(get("/whoami", kubeToken().noExpiry().signWith(KUBE_KEY)).statusCode()).isEqualTo(200);
		assertInvalidToken(get("/whoami", partnerToken().noExpiry().signWith(PARTNER_KEY)), "expiration required");
	}

	@Test
	@Order(100)
	void keyRotationOnTheAuthorizationServerIsPickedUpWithoutRestart() {
		AuthorizationServer server = authorizationServer();
		RotatingJwkSource keys = server.keys();
		String oldKeyId = keys.signingKeyId();
		String before = server.clientCredentialsToken(PETS_APP, "pets.read");
		assertThat(get("/whoami", before).statusCode()).isEqualTo(200);

		keys.publish(TestKeys.rsa("sas-rotated"));
		keys.signWith("sas-rotated");
		keys.retire(oldKeyId);
		String after = server.clientCredentialsToken(PETS_APP, "pets.read");
		assertThat(SignedJwts.keyId(after)).isEqualTo("sas-rotated");

		// an unknown kid refreshes the keys at most once per min-refresh-interval
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> Instant.now().isAfter(this.fetches.lastFetch("sas").plus(MIN_REFRESH_INTERVAL)));
		int fetchesBefore = this.fetches.successes("sas");
		HttpResponse<String> firstUse = get("/whoami", after);
		assertThat(firstUse.statusCode()).isEqualTo(200);
		assertThat(json(firstUse)).containsEntry("provider", "sas");
		assertThat(this.fetches.successes("sas")).isEqualTo(fetchesBefore + 1);
		// the retired key verifies nothing any more, not even a token accepted before
		assertInvalidToken(get("/whoami", before), "invalid signature");
	}

	static TestJwts sasToken() {
		return TestJwts.issuer(SAS_ISSUER).subject(PETS_APP).audience(PETS_APP).scope("pets.read");
	}

	static TestJwts kubeToken() {
		return TestJwts.issuer(KUBE_ISSUER)
			.subject(SERVICE_ACCOUNT)
			.claim("kubernetes.io/serviceaccount/namespace", "default")
			.claim("kubernetes.io/serviceaccount/service-account.name", "svc-a");
	}

	static TestJwts partnerToken() {
		return TestJwts.issuer(PARTNER_ISSUER).subject("bob").audience("pets-api").scope("pets.read");
	}

	static synchronized AuthorizationServer authorizationServer() {
		if (authorizationServer == null) {
			authorizationServer = AuthorizationServer.start(AUTHORIZATION_SERVER_PORT);
		}
		return authorizationServer;
	}

	HttpResponse<String> get(String path, @Nullable String token) {
		return new TestHttp(this.port).get(path, token);
	}

	HttpResponse<String> post(String path, String token, String json) {
		TestHttp http = new TestHttp(this.port);
		return http.send(http.newRequest(path)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("not JSON: " + response.body(), ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the unverified parts of a token the test obtained.
	 */
	static final class SignedJwts {

		static String keyId(String token) {
			try {
				return SignedJWT.parse(token).getHeader().getKeyID();
			}
			catch (ParseException ex) {
				throw new IllegalStateException(ex);
			}
		}

		static List<String> audience(String token) {
			try {
				return SignedJWT.parse(token).getJWTClaimsSet().getAudience();
			}
			catch (ParseException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Counts the starter's JWK Set fetches per provider.
	 */
	static final class FetchRecorder implements JwksFetchListener {

		private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

		private final Map<String, Instant> lastFetch = new ConcurrentHashMap<>();

		@Override
		public void onFetch(JwksFetchEvent event) {
			(event.success() ? this.successes : this.failures)
				.computeIfAbsent(event.providerId(), (id) -> new AtomicInteger())
				.incrementAndGet();
			this.lastFetch.put(event.providerId(), event.time());
		}

		int successes(String providerId) {
			return this.successes.getOrDefault(providerId, new AtomicInteger()).get();
		}

		int failures(String providerId) {
			return this.failures.getOrDefault(providerId, new AtomicInteger()).get();
		}

		Instant lastFetch(String providerId) {
			return this.lastFetch.getOrDefault(providerId, Instant.EPOCH);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FetchRecording {

		@Bean
		FetchRecorder fetchRecorder() {
			return new FetchRecorder();
		}

	}

}
