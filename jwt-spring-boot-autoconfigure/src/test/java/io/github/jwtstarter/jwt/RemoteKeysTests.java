package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtObservabilityAutoConfiguration;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Remote keys through the auto-configured {@link JwtVerifier}, against real JWKS and
 * discovery endpoints on loopback HTTP that rotate keys, fail, answer slowly, redirect,
 * or answer with too much or with garbage. Time is only waited for where it must pass
 * (cache duration, refresh interval, outage tolerance), with bounded polls.
 */
@ExtendWith(OutputCaptureExtension.class)
class RemoteKeysTests {

	private static final String CORP = "https://corp.example";

	private static final String PARTNER = "https://partner.example";

	private static final Duration CACHE_DURATION = Duration.ofSeconds(2);

	private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(500);

	private static final Duration OUTAGE_TOLERANCE = Duration.ofSeconds(4);

	private static final RSAKey KEY_1 = TestKeys.rsa("k1");

	private static final RSAKey KEY_2 = TestKeys.rsa("k2");

	private static final RSAKey ATTACKER = TestKeys.rsa("attacker");

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<JwksFetchEvent> fetches = new CopyOnWriteArrayList<>();

	private @Nullable ConfigurableApplicationContext context;

	@AfterEach
	void close() throws Exception {
		Collections.reverse(this.resources);
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void tokenSignedWithNewlyPublishedKeyIsAcceptedOnFirstRequestOnceMinRefreshIntervalHasPassed() {
		JwksServer corp = server(KEY_1);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		assertThat(corp.requestCount()).isEqualTo(1);
		corp.setKeys(KEY_1, KEY_2);
		waitUntilPassedSinceLastFetch(MIN_REFRESH_INTERVAL);
		assertThat(outcome(verifier, token(CORP, KEY_2))).isNull();
		assertThat(corp.requestCount()).isEqualTo(2);
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		assertThat(corp.requestCount()).isEqualTo(2);
	}

	@Test
	void stormOfRandomKidsCausesAtMostOneFetchPerIntervalAndOnlyRejections() throws Exception {
		JwksServer corp = server(KEY_1);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		waitUntilPassedSinceLastFetch(MIN_REFRESH_INTERVAL);
		int before = corp.requestCount();
		long start = System.nanoTime();
		List<JwtFailure> outcomes = concurrently(4, 10,
				() -> outcome(verifier,
						TestJwts.issuer(CORP)
							.subject("mallory")
							.header((header) -> header.keyID(UUID.randomUUID().toString()))
							.signWith(ATTACKER)));
		long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(outcomes).hasSize(40).containsOnly(JwtFailure.BAD_SIGNATURE);
		assertThat(corp.requestCount() - before).isGreaterThanOrEqualTo(1)
			.isLessThanOrEqualTo(1 + (int) (elapsedMillis / MIN_REFRESH_INTERVAL.toMillis()));
	}

	@Test
	void concurrentMissesOfAColdCacheShareOneFetch() throws Exception {
		JwksServer corp = server(KEY_1).respondSlowly(Duration.ofMillis(300));
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri(), "cache-duration=10s", "read-timeout=5s"));
		List<JwtFailure> outcomes = concurrently(8, 1, () -> outcome(verifier, token(CORP, KEY_1)));
		assertThat(outcomes).hasSize(8).containsOnlyNulls();
		assertThat(corp.requestCount()).isEqualTo(1);
	}

	@Test
	void concurrentMissesOfARotatedKeyShareOneFetch() throws Exception {
		JwksServer corp = server(KEY_1);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri(), "cache-duration=10s", "read-timeout=5s"));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		corp.setKeys(KEY_1, KEY_2).respondSlowly(Duration.ofMillis(300));
		waitUntilPassedSinceLastFetch(MIN_REFRESH_INTERVAL);
		List<JwtFailure> outcomes = concurrently(8, 1, () -> outcome(verifier, token(CORP, KEY_2)));
		assertThat(outcomes).hasSize(8).containsOnlyNulls();
		assertThat(corp.requestCount()).isEqualTo(2);
	}

	@Test
	void cachedKeysKeepVerifyingDuringAnOutageUntilOutageToleranceThenResumeWhenTheEndpointRecovers() {
		JwksServer corp = server(KEY_1);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		Instant lastSuccess = lastFetch().time();
		corp.failWith(500);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			boolean pastCacheDuration = Instant.now().isAfter(lastSuccess.plus(CACHE_DURATION));
			assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
			return pastCacheDuration && failedFetches() > 0;
		});
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			JwtFailure failure = outcome(verifier, token(CORP, KEY_1));
			assertThat(failure).isIn(null, JwtFailure.KEYS_UNAVAILABLE);
			return failure != null;
		});
		assertThat(Instant.now()).isAfter(lastSuccess.plus(OUTAGE_TOLERANCE));
		assertThat(lastFetch().success()).isFalse();
		corp.healthy();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> outcome(verifier, token(CORP, KEY_1)) == null);
		assertThat(lastFetch().success()).isTrue();
	}

	@Test
	void slowEndpointIsBoundedByReadTimeoutWhileOtherProvidersAreNotDelayed() throws Exception {
		JwksServer slow = server(KEY_1).respondSlowly(Duration.ofSeconds(60));
		JwksServer partner = server(KEY_2);
		JwtVerifier verifier = start(
				merge(provider("corp", CORP, slow.jwksUri(), "cache-duration=10s", "read-timeout=3s"),
						provider("partner", PARTNER, partner.jwksUri())));
		assertThat(outcome(verifier, token(PARTNER, KEY_2))).isNull();
		ExecutorService executor = executor(1);
		Future<JwtFailure> slowOutcome = executor.submit(() -> outcome(verifier, token(CORP, KEY_1)));
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> slow.requestCount() == 1);
		assertThat(outcome(verifier, token(PARTNER, KEY_2))).isNull();
		assertThat(slowOutcome).isNotDone();
		await().atMost(Duration.ofSeconds(30)).until(slowOutcome::isDone);
		assertThat(slowOutcome.get()).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
	}

	@Test
	void endpointTricklingItsAnswerIsBoundedByConnectAndReadTimeouts() throws Exception {
		JwksServer corp = server(KEY_1).respondTrickling(Duration.ofMillis(200));
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		Future<JwtFailure> outcome = executor(1).submit(() -> outcome(verifier, token(CORP, KEY_1)));
		// each byte arrives within the read timeout; the whole set would take over 80s
		await().atMost(Duration.ofSeconds(30)).until(outcome::isDone);
		assertThat(outcome.get()).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
	}

	@Test
	void responseAboveMaxSizeIsRefused() {
		JwksServer corp = server(KEY_1).respondHuge(1_000_000);
		JwksServer partner = server(KEY_2).respondHuge(1_000_000);
		JwtVerifier verifier = start(merge(provider("corp", CORP, corp.jwksUri()),
				provider("partner", PARTNER, partner.jwksUri(), "max-size=2MB")));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
		assertThat(outcome(verifier, token(PARTNER, KEY_2))).as("the same response under a larger max-size").isNull();
	}

	@Test
	void redirectIsNotFollowed() {
		JwksServer target = server(KEY_1);
		JwksServer corp = server(KEY_1).redirectTo(target.jwksUri());
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
		assertThat(corp.requestCount()).isEqualTo(1);
		assertThat(target.requestCount()).isZero();
	}

	@Test
	void garbageResponsesAreRejectionsAndNeverAnotherException() {
		Map<String, JwtFailure> bodies = new LinkedHashMap<>();
		bodies.put("not json", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("{", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("[]", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("null", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("<html><body>Service Unavailable</body></html>", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("{\"keys\":42}", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\"}]}", JwtFailure.KEYS_UNAVAILABLE);
		bodies.put("{\"keys\":[]}", JwtFailure.BAD_SIGNATURE);
		List<String[]> providers = new ArrayList<>();
		List<String> issuers = new ArrayList<>();
		int i = 0;
		for (String body : bodies.keySet()) {
			String issuer = "https://garbage" + i + ".example";
			providers.add(provider("garbage" + i, issuer, server(KEY_1).respondWith(body).jwksUri()));
			issuers.add(issuer);
			i++;
		}
		JwtVerifier verifier = start(merge(providers.toArray(String[][]::new)));
		List<JwtFailure> expected = new ArrayList<>(bodies.values());
		for (int n = 0; n < issuers.size(); n++) {
			String token = token(issuers.get(n), KEY_1);
			assertThatExceptionOfType(JwtVerificationException.class).as(bodies.keySet().toArray()[n].toString())
				.isThrownBy(() -> verifier.verify(token, (provider) -> true))
				.extracting(JwtVerificationException::getFailure)
				.isEqualTo(expected.get(n));
		}
	}

	@Test
	void endpointDownWithNoCachedKeyIsKeysUnavailableLoggedAndCounted(CapturedOutput output) {
		JwksServer corp = server(KEY_1).failWith(503);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
		assertThat(output).contains("Fetching the JWK Set of JWT provider 'corp' failed")
			.doesNotContain(corp.jwksUri());
		MeterRegistry meters = context().getBean(MeterRegistry.class);
		assertThat(meters.get("jwt.jwks.fetches").tags("provider", "corp", "result", "failure").counter().count())
			.isOne();
		assertThat(
				meters.get("jwt.verifications").tags("provider", "corp", "outcome", "keys_unavailable").timer().count())
			.isOne();
	}

	@Test
	void weakDuplicateAndWrongUseKeysOfARemoteSetAreSkipped() {
		RSAKey weak = TestKeys.rsa("weak", 1024);
		RSAKey duplicate1 = TestKeys.rsa("dup");
		RSAKey duplicate2 = TestKeys.rsa("dup");
		RSAKey encryption = new RSAKey.Builder(TestKeys.rsa("enc")).keyUse(KeyUse.ENCRYPTION).build();
		JwksServer corp = server(weak, duplicate1, duplicate2, encryption, KEY_1);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, KEY_1))).isNull();
		assertThat(lastFetch().rejectedKeys()).isEqualTo(4);
		assertThat(lastFetch().keys().getKeys()).extracting("keyID").containsExactly("k1");
		assertThat(outcome(verifier, token(CORP, weak))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(outcome(verifier, token(CORP, duplicate1))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(outcome(verifier, token(CORP, duplicate2))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(outcome(verifier, token(CORP, encryption))).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void remoteSetWithNoUsableKeyBehavesAsAnEmptySet() {
		RSAKey weak = TestKeys.rsa("weak", 1024);
		JwksServer corp = server(weak);
		JwtVerifier verifier = start(provider("corp", CORP, corp.jwksUri()));
		assertThat(outcome(verifier, token(CORP, weak))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(lastFetch().success()).isTrue();
		assertThat(lastFetch().keys().getKeys()).isEmpty();
		assertThat(context().getBean(JwtProviderRegistry.class).byId("corp").getKeys().status().keys()).isZero();
	}

	@Test
	void discoveryIsLazySoAnIssuerDownAtStartupWorksOnceItIsUp() {
		JwksServer idp = server(KEY_1).failWith(503);
		JwtVerifier verifier = start(provider("corp", idp.uri(), null));
		assertThat(idp.discoveryRequestCount() + idp.requestCount()).as("no request at startup").isZero();
		assertThat(outcome(verifier, token(idp.uri(), KEY_1))).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
		idp.healthy();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> outcome(verifier, token(idp.uri(), KEY_1)) == null);
		assertThat(idp.discoveryRequestCount()).isGreaterThanOrEqualTo(2);
		assertThat(idp.requestCount()).isEqualTo(1);
	}

	@Test
	void discoveryDocumentNamingAnotherIssuerGivesNoKeys() {
		JwksServer idp = server(KEY_1).discoveryIssuer("https://evil.example");
		JwtVerifier verifier = start(provider("corp", idp.uri(), null));
		assertThat(outcome(verifier, token(idp.uri(), KEY_1))).isEqualTo(JwtFailure.KEYS_UNAVAILABLE);
		assertThat(idp.discoveryRequestCount()).isOne();
		assertThat(idp.requestCount()).as("the JWKS named by the document is never fetched").isZero();
	}

	private JwksServer server(JWK... keys) {
		JwksServer server = JwksServer.start(keys);
		this.resources.add(server);
		return server;
	}

	private JwtVerifier start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("recordingFetchListener", (JwksFetchListener) this.fetches::add))
			.properties(properties)
			.run();
		this.resources.add(context);
		this.context = context;
		return context.getBean(JwtVerifier.class);
	}

	private ConfigurableApplicationContext context() {
		assertThat(this.context).isNotNull();
		return this.context;
	}

	private ExecutorService executor(int threads) {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		this.resources.add(executor::shutdownNow);
		return executor;
	}

	private List<JwtFailure> concurrently(int threads, int perThread, Callable<JwtFailure> task) throws Exception {
		ExecutorService executor = executor(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<List<JwtFailure>>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			results.add(executor.submit(() -> {
				go.await();
				List<JwtFailure> outcomes = new ArrayList<>();
				for (int n = 0; n < perThread; n++) {
					outcomes.add(task.call());
				}
				return outcomes;
			}));
		}
		go.countDown();
		List<JwtFailure> all = new ArrayList<>();
		for (Future<List<JwtFailure>> result : results) {
			all.addAll(result.get());
		}
		return all;
	}

	private JwksFetchEvent lastFetch() {
		assertThat(this.fetches).isNotEmpty();
		return this.fetches.get(this.fetches.size() - 1);
	}

	private long failedFetches() {
		return this.fetches.stream().filter((event) -> !event.success()).count();
	}

	private void waitUntilPassedSinceLastFetch(Duration duration) {
		Instant allowedAt = lastFetch().time().plus(duration);
		await().atMost(duration.plusSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> Instant.now().isAfter(allowedAt));
	}

	static @Nullable JwtFailure outcome(JwtVerifier verifier, String token) {
		try {
			verifier.verify(token, (provider) -> true);
			return null;
		}
		catch (JwtVerificationException ex) {
			return ex.getFailure();
		}
	}

	static String token(String issuer, RSAKey key) {
		return TestJwts.issuer(issuer).subject("alice").claim("jti", UUID.randomUUID().toString()).signWith(key);
	}

	static String[] provider(String id, String issuer, @Nullable String jwksUri, String... jwks) {
		String prefix = "jwt.providers." + id + ".";
		List<String> properties = new ArrayList<>(
				List.of(prefix + "issuer=" + issuer, prefix + "jwks.cache-duration=" + CACHE_DURATION.toMillis() + "ms",
						prefix + "jwks.min-refresh-interval=" + MIN_REFRESH_INTERVAL.toMillis() + "ms",
						prefix + "jwks.outage-tolerance=" + OUTAGE_TOLERANCE.toMillis() + "ms",
						prefix + "jwks.connect-timeout=250ms", prefix + "jwks.read-timeout=1s"));
		if (jwksUri != null) {
			properties.add(prefix + "jwks.uri=" + jwksUri);
		}
		for (String property : jwks) {
			properties.add(prefix + "jwks." + property);
		}
		return properties.toArray(String[]::new);
	}

	static String[] merge(String[]... properties) {
		List<String> all = new ArrayList<>();
		for (String[] each : properties) {
			all.addAll(List.of(each));
		}
		return all.toArray(String[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JwtAutoConfiguration.class, JwtObservabilityAutoConfiguration.class })
	static class Config {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
