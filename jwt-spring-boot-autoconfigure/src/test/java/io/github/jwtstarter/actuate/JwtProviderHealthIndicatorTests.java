package io.github.jwtstarter.actuate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.MutableClock;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JwtProviderHealthIndicator}: real keys fetched from a loopback JWKS
 * endpoint, a clock the tests move, and a check that reading health never reaches the
 * endpoint.
 */
class JwtProviderHealthIndicatorTests {

	private static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final JwksServer server = JwksServer.start(KEY);

	private final JwtProviderFactory factory = JwtProviderFactory.jdk(null, this.clock);

	private final ProviderKeys keys = this.factory.remoteKeys("corp", url(this.server.jwksUri()),
			"https://corp.example",
			new ProviderKeys.RemoteSettings(Duration.ofMinutes(5), Duration.ZERO, OUTAGE_TOLERANCE,
					Duration.ofMillis(500), Duration.ofSeconds(1), DataSize.ofKilobytes(64)),
			ProviderKeys.Access.DEFAULT, (event) -> {
			});

	private final JwtProviderHealthIndicator indicator = new JwtProviderHealthIndicator(this.keys, this.clock);

	@AfterEach
	void close() throws Exception {
		this.keys.close();
		this.server.close();
	}

	@Test
	void constructorWhenKeysNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtProviderHealthIndicator(null, this.clock))
			.withMessage("keys cannot be null");
	}

	@Test
	void constructorWhenClockNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtProviderHealthIndicator(this.keys, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void localKeysAreUpWithTheirCount() {
		ProviderKeys local = this.factory
			.localKeys(new JWKSet(List.of(KEY.toPublicJWK(), TestKeys.rsa("k2").toPublicJWK())));
		Health health = new JwtProviderHealthIndicator(local, this.clock).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("keys", 2).containsEntry("source", "local");
	}

	@Test
	void remoteKeysNeverFetchedAreUnknownAndReadingHealthFetchesNothing() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("keys", 0)
			.containsEntry("source", "remote")
			.containsEntry("reason", "not fetched yet");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void remoteKeysFetchedAreUpWithCountAndFetchTimeEvenOnceTheCacheHasExpired() throws Exception {
		lookUp("k1");
		Instant fetchedAt = this.clock.instant();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("keys", 1)
			.containsEntry("lastSuccessfulFetch", fetchedAt.toString())
			.doesNotContainKey("failingSince");
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.indicator.health().getStatus()).as("idle, fetched again on next use").isEqualTo(Status.UP);
		assertThat(this.server.requestCount()).isOne();
	}

	@Test
	void failingEndpointIsUpWhileCachedKeysAreUsedThenDownThenUpWhenItRecovers() throws Exception {
		lookUp("k1");
		Instant fetchedAt = this.clock.instant();
		this.server.failWith(500);
		this.clock.advance(Duration.ofMinutes(10));
		lookUp("unknown");
		Health failing = this.indicator.health();
		assertThat(failing.getStatus()).isEqualTo(Status.UP);
		assertThat(failing.getDetails()).containsEntry("keys", 1)
			.containsEntry("lastSuccessfulFetch", fetchedAt.toString())
			.containsEntry("failingSince", this.clock.instant().toString())
			.containsEntry("usableUntil", fetchedAt.plus(OUTAGE_TOLERANCE).toString());
		this.clock.advance(OUTAGE_TOLERANCE);
		Health down = this.indicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("reason",
				"endpoint failing, cached keys past the outage tolerance");
		int requests = this.server.requestCount();
		this.indicator.health();
		assertThat(this.server.requestCount()).isEqualTo(requests);
		this.server.healthy();
		lookUp("unknown");
		Health recovered = this.indicator.health();
		assertThat(recovered.getStatus()).isEqualTo(Status.UP);
		assertThat(recovered.getDetails()).doesNotContainKey("failingSince");
	}

	@Test
	void endpointFailingBeforeAnyKeyIsDown() {
		this.server.failWith(503);
		try {
			lookUp("k1");
		}
		catch (Exception ex) {
			// no keys: the health tells
		}
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("keys", 0)
			.containsEntry("reason", "endpoint failing, no cached key")
			.containsKey("failingSince");
	}

	@Test
	void keySetWithNoUsableKeyIsDown() throws Exception {
		this.server.setKeys(TestKeys.rsa("weak", 1024));
		lookUp("weak");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("keys", 0)
			.containsEntry("reason", "no usable key in the key set");
	}

	private void lookUp(String kid) throws Exception {
		this.keys.source().get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
	}

	private static java.net.URL url(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
