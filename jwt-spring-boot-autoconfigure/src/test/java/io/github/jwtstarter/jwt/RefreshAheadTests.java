package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TestVerifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote keys are fetched again ahead of the cached set's expiry, by the requests that
 * arrive in the last tenth of {@code cache-duration}, in the background: no verification
 * fails or waits for that fetch, even when the key endpoint has become slow.
 */
class RefreshAheadTests {

	private static final Duration CACHE_DURATION = Duration.ofSeconds(6);

	/** Longer than any verification takes, shorter than the read timeout. */
	private static final Duration SLOW_ENDPOINT = Duration.ofSeconds(1);

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private final JwksServer jwks = JwksServer.start(KEY);

	@AfterEach
	void stop() {
		this.jwks.close();
	}

	@Test
	void keysAreFetchedBeforeTheCachedSetExpiresWithoutAVerificationFailingOrWaiting() {
		String prefix = "jwt.providers.corp.";
		try (TestVerifiers verifiers = TestVerifiers.start(prefix + "issuer=https://corp.example",
				prefix + "jwks.uri=" + this.jwks.jwksUri(),
				prefix + "jwks.cache-duration=" + CACHE_DURATION.toMillis() + "ms",
				prefix + "jwks.min-refresh-interval=500ms", prefix + "jwks.connect-timeout=250ms",
				prefix + "jwks.read-timeout=3s", "jwt.cache.enabled=false")) {
			JwtVerifier verifier = verifiers.verifier();
			long started = System.nanoTime();
			verify(verifier);
			assertThat(this.jwks.requestCount()).isEqualTo(1);
			// the refresh ahead will find a slow endpoint: a verification waiting for it
			// would take that long
			this.jwks.respondSlowly(SLOW_ENDPOINT);
			List<Duration> verifications = new CopyOnWriteArrayList<>();
			await().atMost(CACHE_DURATION.multipliedBy(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
				verifications.add(verify(verifier));
				return this.jwks.requestCount() >= 2;
			});
			Duration untilSecondFetch = Duration.ofNanos(System.nanoTime() - started);
			assertThat(untilSecondFetch).as("second fetch started before the first set expired")
				.isLessThan(CACHE_DURATION);
			assertThat(verifications).as("verifications while the cached set was refreshed")
				.isNotEmpty()
				.allSatisfy((duration) -> assertThat(duration).isLessThan(SLOW_ENDPOINT));
		}
	}

	private static Duration verify(JwtVerifier verifier) {
		String token = TestJwts.issuer("https://corp.example")
			.subject("alice")
			.claim("jti", UUID.randomUUID().toString())
			.signWith(KEY);
		long started = System.nanoTime();
		verifier.verify(token, (provider) -> true);
		return Duration.ofNanos(System.nanoTime() - started);
	}

}
