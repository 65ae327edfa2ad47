package io.github.jwtstarter.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet in one test: {@value #INSTANCES} instances of one provider's remote keys (each
 * its own cache, rate limit and HTTP client, as in separate replicas), all started
 * together and all under steady traffic, against one real JWKS endpoint on loopback HTTP
 * that sends {@code ETag} and {@code Last-Modified}. Each instance fetches from its own
 * URL ({@code ?instance=i}), so the endpoint's log tells them apart. Times are scaled
 * down ({@code cache-duration} of 4 s for the production 5 min); docs/operations.md turns
 * the measured figures into requests per hour for 1,000 replicas.
 */
class FleetKeyFetchTests {

	static final int INSTANCES = 10;

	static final RSAKey KEY = TestKeys.rsa("k1");

	static final JWKSelector BY_KID = new JWKSelector(new JWKMatcher.Builder().keyID("k1").build());

	final JwksServer server = JwksServer.start(KEY).cachingHeaders(null, true, true);

	final List<ProviderKeys> fleet = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (ProviderKeys keys : this.fleet) {
			keys.close();
		}
		this.server.close();
	}

	void startFleet(Duration cacheDuration, Duration minRefreshInterval) throws Exception {
		ProviderKeys.RemoteSettings settings = new ProviderKeys.RemoteSettings(cacheDuration, minRefreshInterval,
				Duration.ofHours(1), Duration.ofMillis(500), Duration.ofMillis(1500), DataSize.ofKilobytes(64));
		JwtProviderFactory factory = JwtProviderFactory.jdk(null, Clock.systemUTC());
		for (int i = 0; i < INSTANCES; i++) {
			this.fleet.add(factory.remoteKeys("corp", URI.create(this.server.jwksUri() + "?instance=" + i).toURL(),
					"https://corp.example", settings, ProviderKeys.Access.DEFAULT, (event) -> {
					}));
		}
	}

	/**
	 * Steady traffic: every instance looks its key up every 20 ms for the given time.
	 */
	void traffic(Duration duration) throws InterruptedException {
		ScheduledExecutorService requests = Executors.newScheduledThreadPool(INSTANCES);
		for (ProviderKeys keys : this.fleet) {
			requests.scheduleAtFixedRate(() -> {
				try {
					keys.source().get(BY_KID, null);
				}
				catch (KeySourceException ex) {
					// the endpoint fails: the lookup fails, as a request's would
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
		}
		requests.schedule(requests::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(requests.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
	}

	Map<String, List<JwksServer.Request>> byInstance() {
		Map<String, List<JwksServer.Request>> byInstance = new LinkedHashMap<>();
		for (JwksServer.Request request : this.server.requests()) {
			byInstance.computeIfAbsent(request.query(), (query) -> new ArrayList<>()).add(request);
		}
		return byInstance;
	}

	@Test
	void unchangedKeysCostEachInstanceOneBodyAndThenA304PerCacheDuration() throws Exception {
		Duration cacheDuration = Duration.ofSeconds(4);
		startFleet(cacheDuration, Duration.ofMillis(200));
		Duration window = Duration.ofSeconds(14);
		traffic(window);
		Map<String, List<JwksServer.Request>> byInstance = byInstance();
		assertThat(byInstance).hasSize(INSTANCES);
		List<Long> intervals = new ArrayList<>();
		for (List<JwksServer.Request> requests : byInstance.values()) {
			assertThat(requests.get(0).status()).as("the first fetch brings the set").isEqualTo(200);
			assertThat(requests.subList(1, requests.size())).as("later ones revalidate it")
				.isNotEmpty()
				.allMatch((request) -> request.conditional() && request.status() == 304);
			for (int i = 1; i < requests.size(); i++) {
				intervals.add(requests.get(i).at() - requests.get(i - 1).at());
			}
		}
		// each refresh starts a tenth ahead of a lifetime of 90 to 100 % of
		// cache-duration
		// (jitter): 0.855 of it on average on a quiet machine; on a loaded one a refresh
		// set
		// off late can overlap the next, so only the bounds of a sane fleet are checked:
		// no
		// instance waits past its lifetime, none fetches more than twice per lifetime
		assertThat(intervals).allSatisfy((interval) -> assertThat(interval).isLessThanOrEqualTo(4100L));
		double mean = intervals.stream().mapToLong(Long::longValue).average().orElseThrow();
		assertThat(mean / cacheDuration.toMillis()).isBetween(0.5, 0.95);
		int total = this.server.requestCount();
		long bodies = this.server.requests().stream().filter((request) -> request.status() == 200).count();
		System.out.printf(
				"fleet: %d instances, %d s, cache-duration %d s: %d requests, %d with a body, "
						+ "one per instance every %.0f ms (%.2f of cache-duration)%n",
				INSTANCES, window.toSeconds(), cacheDuration.toSeconds(), total, bodies, mean,
				mean / cacheDuration.toMillis());
		assertThat(bodies).isEqualTo(INSTANCES);
	}

	@Test
	void retryAfterSpacesTheFleetsRetriesWhileTheEndpointShedsLoad() throws Exception {
		this.server.failWith(503, Duration.ofSeconds(3));
		startFleet(Duration.ofSeconds(5), Duration.ofMillis(100));
		Duration window = Duration.ofSeconds(6);
		traffic(window);
		Map<String, List<JwksServer.Request>> byInstance = byInstance();
		int total = 0;
		for (List<JwksServer.Request> requests : byInstance.values()) {
			List<JwksServer.Request> refused = requests.stream().filter((request) -> request.status() == 503).toList();
			total += refused.size();
			// without Retry-After: one per min-refresh-interval (100 ms), about 50 in 6 s
			assertThat(refused).as("one per Retry-After (3 s)").hasSizeBetween(1, 3);
		}
		System.out.printf(
				"fleet: %d instances, endpoint answering 503 with Retry-After: 3 for %d s: "
						+ "%d requests (%d at one per min-refresh-interval)%n",
				INSTANCES, window.toSeconds(), total, INSTANCES * window.toMillis() / 100);
	}

}
