package io.github.jwtstarter.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Remote keys fetched as a polite HTTP client would, against a real JWKS endpoint on
 * loopback HTTP that sends caching headers, answers {@code 304 Not Modified} and sheds
 * load with {@code 429}/{@code 503} and {@code Retry-After}. Time is only waited for
 * where it must pass (a key set's lifetime, a {@code Retry-After}).
 */
class PoliteKeyFetchTests {

	static final RSAKey KEY_1 = TestKeys.rsa("k1");

	static final RSAKey KEY_2 = TestKeys.rsa("k2");

	final JwksServer server = JwksServer.start(KEY_1);

	final List<ProviderKeys> keys = new ArrayList<>();

	final List<JwksFetchEvent> fetches = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (ProviderKeys each : this.keys) {
			each.close();
		}
		this.server.close();
	}

	ProviderKeys keys(Duration cacheDuration, Duration minRefreshInterval) throws Exception {
		ProviderKeys.RemoteSettings settings = new ProviderKeys.RemoteSettings(cacheDuration, minRefreshInterval,
				Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofKilobytes(64));
		ProviderKeys created = JwtProviderFactory.jdk(null, Clock.systemUTC())
			.remoteKeys("corp", URI.create(this.server.jwksUri()).toURL(), "https://corp.example", settings,
					ProviderKeys.Access.DEFAULT, this.fetches::add);
		this.keys.add(created);
		return created;
	}

	static List<JWK> get(ProviderKeys keys, String kid) throws Exception {
		return keys.source().get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
	}

	@Test
	void unchangedKeySetIsRevalidatedWithEtagAnd304KeepsTheCachedSet() throws Exception {
		this.server.cachingHeaders(null, true, false);
		ProviderKeys keys = keys(Duration.ofSeconds(1), Duration.ZERO);
		assertThat(get(keys, "k1")).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(get(keys, "k1")).hasSize(1);
			assertThat(this.server.requests()).anyMatch((request) -> request.status() == 304);
		});
		List<JwksServer.Request> requests = this.server.requests();
		assertThat(requests.get(0).conditional()).isFalse();
		assertThat(requests.subList(1, requests.size())).allSatisfy((request) -> {
			assertThat(request.ifNoneMatch()).isNotNull();
			assertThat(request.status()).isEqualTo(304);
		});
		assertThat(this.fetches).allMatch(JwksFetchEvent::success);
		assertThat(keys.status().keys()).isEqualTo(1);
	}

	@Test
	void unchangedKeySetIsRevalidatedWithLastModifiedAndAChangedOneIsFetchedAgain() throws Exception {
		this.server.cachingHeaders(null, false, true);
		ProviderKeys keys = keys(Duration.ofSeconds(1), Duration.ZERO);
		assertThat(get(keys, "k1")).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(get(keys, "k1")).hasSize(1);
			assertThat(this.server.requests()).anyMatch((request) -> request.status() == 304);
		});
		List<JwksServer.Request> revalidations = this.server.requests().subList(1, this.server.requestCount());
		assertThat(revalidations).allMatch((request) -> request.ifModifiedSince() != null);
		this.server.setKeys(KEY_1, KEY_2);
		assertThat(get(keys, "k2")).as("an unknown kid revalidates, and the changed set is fetched").hasSize(1);
		assertThat(this.server.requests()).last().satisfies((request) -> assertThat(request.status()).isEqualTo(200));
	}

	@Test
	void maxAgeShorterThanCacheDurationIsHonouredButNotBelowOneSecond() throws Exception {
		this.server.cachingHeaders(Duration.ZERO, false, false);
		ProviderKeys keys = keys(Duration.ofHours(1), Duration.ZERO);
		assertThat(get(keys, "k1")).hasSize(1);
		long first = this.server.requests().get(0).at();
		// max-age=0: cached for the one-second floor (minus jitter), not for the hour
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(get(keys, "k1")).hasSize(1);
			assertThat(this.server.requestCount()).isEqualTo(2);
		});
		assertThat(this.server.requests().get(1).at() - first).isGreaterThanOrEqualTo(800);
	}

	@Test
	void maxAgeLongerThanCacheDurationIsBoundedByIt() throws Exception {
		this.server.cachingHeaders(Duration.ofDays(1), false, false);
		ProviderKeys keys = keys(Duration.ofSeconds(1), Duration.ZERO);
		assertThat(get(keys, "k1")).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(get(keys, "k1")).hasSize(1);
			assertThat(this.server.requestCount()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void retryAfterOn429HoldsBackTheNextFetchThatLong() throws Exception {
		this.server.failWith(429, Duration.ofSeconds(2));
		ProviderKeys keys = keys(Duration.ofMinutes(5), Duration.ZERO);
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> get(keys, "k1"));
		long refused = this.server.requests().get(0).at();
		this.server.healthy();
		// every lookup would fetch (no rate limit) but for the Retry-After
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(get(keys, "k1")).hasSize(1));
		List<JwksServer.Request> requests = this.server.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).at() - refused).isGreaterThanOrEqualTo(1900);
	}

	@Test
	void retryAfterOn503OfADayIsBoundedByTheCacheDuration() throws Exception {
		this.server.failWith(503, Duration.ofDays(1));
		ProviderKeys keys = keys(Duration.ofSeconds(2), Duration.ZERO);
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> get(keys, "k1"));
		this.server.healthy();
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(get(keys, "k1")).hasSize(1));
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

}
