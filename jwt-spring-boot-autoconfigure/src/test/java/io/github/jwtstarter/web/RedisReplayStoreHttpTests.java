package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.RedisServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DPoP replay protection across replicas ({@code replay-store: redis}) over real HTTP:
 * two instances of the same application share one real {@code redis-server} on loopback
 * ({@link RedisServer}), and a proof accepted by one is refused by the other. Killing
 * Redis mid-run refuses DPoP proofs of the providers that use it with {@code 503} and
 * {@code Retry-After} (whatever the route's policy), leaves plain bearer tokens and
 * providers with the in-memory store alone, shows the store {@code DOWN} in health and
 * counts the errors; once Redis is back, proofs are accepted and replays refused again.
 * Providers: {@code corp} (Redis, keys under {@code test:dpop:}) and {@code solo}
 * (memory).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisReplayStoreHttpTests {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	private RedisServer redis;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	private TestHttp one;

	private TestHttp other;

	/**
	 * Returns the web stack of the two instances.
	 * @return {@code servlet} or {@code reactive}
	 */
	abstract String webApplicationType();

	@BeforeAll
	void startRedisAndTwoInstances() {
		this.redis = RedisServer.start();
		this.first = instance();
		this.second = instance();
		this.one = new TestHttp(port(this.first));
		this.other = new TestHttp(port(this.second));
	}

	@AfterAll
	void stopAll() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.first,
				this.second }) {
			if (context != null) {
				context.close();
			}
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(ClaimsTestApplication.class).bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("server.port=0", "spring.main.web-application-type=" + webApplicationType(),
					"spring.data.redis.url=" + this.redis.url(), "jwt.routes[0].paths=/optional/**",
					"jwt.routes[0].validation-policy=allow-missing-or-failed",
					"jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.local=" + TestKeys.toPublicJwkSetJson(IDP_KEY),
					"jwt.providers.corp.sender-constraint.replay-store=redis",
					"jwt.providers.corp.sender-constraint.replay-store-key-prefix=test:dpop:",
					// above the default 1 s: a loopback SET must not time out on a loaded
					// build
					// machine (a timed-out SET still lands and would be counted by the
					// next test)
					"jwt.providers.corp.sender-constraint.replay-store-timeout=3s",
					"jwt.providers.solo.issuer=https://solo.example",
					"jwt.providers.solo.jwks.local=" + TestKeys.toPublicJwkSetJson(IDP_KEY))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static String boundToken(String provider) {
		return TestJwts.issuer("https://" + provider + ".example")
			.subject("alice")
			.claim("cnf", client.confirmation())
			.signWith(IDP_KEY);
	}

	static HttpResponse<String> dpop(TestHttp http, String path, String token, String proof) {
		return http.sendWithHeaders("GET", path, Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	static String proof(TestHttp http, String path, String token) {
		return client.proof("GET", http.url(path), token).sign();
	}

	/**
	 * A proof for the other instance's URL: the two instances listen on different ports,
	 * as replicas behind one origin would not, so a replayed proof names the instance it
	 * is replayed to (the replay is caught by the store, not by htu).
	 */
	static String proofFor(TestHttp http, String path, String token, String jti) {
		return client.proof("GET", http.url(path), token).jti(jti).sign();
	}

	@Test
	void proofAcceptedByOneInstanceIsRefusedByTheOther() {
		String token = boundToken("corp");
		String jti = "shared-" + System.nanoTime();
		assertOk(dpop(this.one, "/api/orders", token, proofFor(this.one, "/api/orders", token, jti)));
		assertDPoPChallenge(dpop(this.other, "/api/orders", token, proofFor(this.other, "/api/orders", token, jti)),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertOk(dpop(this.other, "/api/orders", token, proof(this.other, "/api/orders", token)));
	}

	@Test
	void replayToTheSameInstanceIsRefusedAndAProofForAMemoryProviderIsNotShared() {
		String token = boundToken("corp");
		String proof = proof(this.one, "/api/orders", token);
		assertOk(dpop(this.one, "/api/orders", token, proof));
		assertDPoPChallenge(dpop(this.one, "/api/orders", token, proof), "invalid_dpop_proof", "invalid DPoP proof");
		String solo = boundToken("solo");
		String jti = "solo-" + System.nanoTime();
		assertOk(dpop(this.one, "/api/orders", solo, proofFor(this.one, "/api/orders", solo, jti)));
		assertOk(dpop(this.other, "/api/orders", solo, proofFor(this.other, "/api/orders", solo, jti)));
	}

	@Test
	void eachProofIsOneKeyUnderTheProvidersPrefixRememberedForTheProofWindowAndAMargin() {
		StringRedisTemplate redis = this.first.getBean(StringRedisTemplate.class);
		Set<String> before = redis.keys("test:dpop:*");
		String token = boundToken("corp");
		assertOk(dpop(this.one, "/api/orders", token, proof(this.one, "/api/orders", token)));
		Set<String> after = redis.keys("test:dpop:*");
		after.removeAll(before);
		assertThat(after).singleElement().satisfies((key) -> {
			assertThat(redis.opsForValue().get(key)).isEqualTo("1");
			// dpop-proof-max-age 60 s + 2 x clock-skew 60 s + 5 s margin
			assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(175_000L, 185_000L);
		});
		assertThat(String.join(" ", after)).doesNotContain(token.split("\\.")[1]);
	}

	@Test
	void whileRedisIsDownProofsAreRefusedWith503AndEverythingElseWorksThenProofsAreAcceptedAgain() {
		String token = boundToken("corp");
		this.redis.kill();
		try {
			HttpResponse<String> refused = dpop(this.one, "/api/orders", token, proof(this.one, "/api/orders", token));
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.body()).contains("\"status\":503", "\"detail\":\"DPoP replay store unavailable\"");
			HttpResponse<String> optional = dpop(this.other, "/optional/x", token,
					proof(this.other, "/optional/x", token));
			assertThat(optional.statusCode()).as("allow-missing-or-failed: " + optional.body()).isEqualTo(503);
			String bearer = TestJwts.issuer("https://corp.example").subject("bob").signWith(IDP_KEY);
			assertOk(this.one.get("/api/orders", bearer));
			String solo = boundToken("solo");
			assertOk(dpop(this.one, "/api/orders", solo, proof(this.one, "/api/orders", solo)));
			for (ConfigurableApplicationContext context : List.of(this.first, this.second)) {
				assertThat(storeHealth(context)).isEqualTo(Status.DOWN);
				assertThat(context.getBean(MeterRegistry.class)
					.get("jwt.dpop.replay-store.errors")
					.tag("provider", "corp")
					.counter()
					.count()).isGreaterThanOrEqualTo(1);
			}
		}
		finally {
			this.redis.restart();
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> dpop(this.one, "/api/orders", token, proof(this.one, "/api/orders", token)).statusCode() == 200
					&& dpop(this.other, "/api/orders", token, proof(this.other, "/api/orders", token))
						.statusCode() == 200);
		assertThat(storeHealth(this.first)).isEqualTo(Status.UP);
		String jti = "after-" + System.nanoTime();
		assertOk(dpop(this.other, "/api/orders", token, proofFor(this.other, "/api/orders", token, jti)));
		assertDPoPChallenge(dpop(this.one, "/api/orders", token, proofFor(this.one, "/api/orders", token, jti)),
				"invalid_dpop_proof", "invalid DPoP proof");
	}

	private static Status storeHealth(ConfigurableApplicationContext context) {
		return context.getBean("dpopReplayStoreHealthContributor", HealthIndicator.class).health().getStatus();
	}

}
