package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixApplication;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.RedisServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;

import static io.github.jwtstarter.test.TestHttp.assertDPoPChallenge;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DPoP replay protection shared by replicas ({@code replay-store: redis}) against a real
 * {@code redis-server} on loopback: a second instance of the same application (or
 * gateway) refuses a proof the first accepted; while Redis is down, DPoP proofs are
 * refused with {@code 503} and {@code Retry-After} and bearer tokens still pass; once
 * Redis is back, proofs are accepted again.
 */
class DPoPReplayStoreScenarios extends MatrixScenarios {

	static final RSAKey IDP_KEY = TestKeys.rsa("idp-1");

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	private static @Nullable RedisServer redis;

	private Map<String, String> properties = Map.of();

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
			redis = null;
		}
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		if (redis == null) {
			redis = RedisServer.start();
		}
		this.properties = pairs("spring.data.redis.url", redis.url(), "jwt.providers.corp.issuer",
				"https://corp.example", "jwt.providers.corp.jwks.local", TestKeys.toPublicJwkSetJson(IDP_KEY),
				"jwt.providers.corp.sender-constraint.replay-store", "redis",
				"jwt.providers.corp.sender-constraint.replay-store-key-prefix", "matrix:" + flavour.id() + ":",
				// above the default 1 s: a loaded build machine must not time out a
				// loopback SET
				"jwt.providers.corp.sender-constraint.replay-store-timeout", "3s");
		return this.properties;
	}

	static String boundToken() {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("cnf", client.confirmation())
			.signWith(IDP_KEY);
	}

	static HttpResponse<String> dpop(TestHttp http, String token, String proof) {
		return http.sendWithHeaders("GET", "/api/orders", Map.of("Authorization", "DPoP " + token, "DPoP", proof));
	}

	/**
	 * The second instance, started once per runner and closed after the first: on WebFlux
	 * both share Reactor Netty's global resources, which closing one application
	 * disposes.
	 */
	private @Nullable MatrixApplication other;

	@AfterParameterizedClassInvocation
	void closeOther() {
		if (this.other != null) {
			this.other.close();
			this.other = null;
		}
	}

	@Test
	void proofAcceptedByOneInstanceIsRefusedByAnother() {
		if (this.other == null) {
			this.other = runner().start(new LinkedHashMap<>(this.properties));
		}
		TestHttp replica = this.other.http();
		String token = boundToken();
		String jti = "shared-" + System.nanoTime();
		// each instance listens on its own port, as replicas behind one origin would not:
		// the replayed proof names the instance it is replayed to, so the store refuses
		// it, not htu
		assertOk(dpop(http(), token, client.proof("GET", url("/api/orders"), token).jti(jti).sign()));
		assertDPoPChallenge(
				dpop(replica, token, client.proof("GET", replica.url("/api/orders"), token).jti(jti).sign()),
				"invalid_dpop_proof", "invalid DPoP proof");
		assertOk(dpop(replica, token, client.proof("GET", replica.url("/api/orders"), token).sign()));
		assertThat(this.other.received().all()).hasSize(1);
	}

	@Test
	void whileRedisIsDownProofsAreRefusedWith503AndBearerTokensPassThenProofsAreAcceptedAgain() {
		String token = boundToken();
		redis.kill();
		try {
			HttpResponse<String> refused = dpop(http(), token, client.proof("GET", url("/api/orders"), token).sign());
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.body()).contains("\"status\":503", "\"detail\":\"DPoP replay store unavailable\"");
			received().assertNone();
			assertOk(http().get("/api/orders",
					TestJwts.issuer("https://corp.example").subject("bob").signWith(IDP_KEY)));
		}
		finally {
			redis.restart();
		}
		// Lettuce reconnects in the background
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> dpop(http(), token, client.proof("GET", url("/api/orders"), token).sign())
				.statusCode() == 200);
		String proof = client.proof("GET", url("/api/orders"), token).sign();
		assertOk(dpop(http(), token, proof));
		assertDPoPChallenge(dpop(http(), token, proof), "invalid_dpop_proof", "invalid DPoP proof");
	}

}
