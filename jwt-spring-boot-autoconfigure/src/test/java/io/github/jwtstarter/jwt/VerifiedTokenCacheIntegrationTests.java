package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.JwtAuthoritiesConverterCustomizer;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verified-token cache as auto-configured: hits skip the decoder and the
 * Authentication conversion (counted through a {@link JwtAuthoritiesConverterCustomizer}
 * that is only reached after a successful decode), a rotation of one provider's remote
 * keys drops only that provider's entries, {@code jwt.cache.enabled=false} verifies every
 * time, {@code jwt.cache.max-size} bounds it.
 */
class VerifiedTokenCacheIntegrationTests {

	private static final String CORP = "https://corp.example";

	private static final String PARTNER = "https://partner.example";

	private static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	private static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	private final Map<String, AtomicInteger> conversions = new ConcurrentHashMap<>();

	private final List<Boolean> cached = new CopyOnWriteArrayList<>();

	private final List<JwksFetchEvent> fetches = new CopyOnWriteArrayList<>();

	private final JwksServer corp = JwksServer.start(CORP_KEY);

	private final JwksServer partner = JwksServer.start(PARTNER_KEY);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.corp.close();
		this.partner.close();
	}

	@Test
	void hitSkipsDecodingAndConversion() {
		JwtVerifier verifier = start();
		String token = token(CORP, CORP_KEY);
		for (int i = 0; i < 5; i++) {
			assertThat(verifier.verify(token, (provider) -> true).authentication().getName()).isEqualTo("alice");
		}
		assertThat(conversions("corp")).isOne();
		assertThat(this.cached).containsExactly(false, true, true, true, true);
	}

	@Test
	void rotationOfOneProvidersKeysDropsOnlyThatProvidersEntries() {
		JwtVerifier verifier = start();
		String corpToken = token(CORP, CORP_KEY);
		String partnerToken = token(PARTNER, PARTNER_KEY);
		verifier.verify(corpToken, (provider) -> true);
		verifier.verify(partnerToken, (provider) -> true);
		RSAKey rotated = TestKeys.rsa("corp-2");
		this.corp.setKeys(CORP_KEY, rotated);
		Instant allowedAt = this.fetches.stream()
			.filter((event) -> event.providerId().equals("corp"))
			.reduce((first, second) -> second)
			.orElseThrow()
			.time()
			.plusMillis(500);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(allowedAt));
		verifier.verify(token(CORP, rotated), (provider) -> true);
		assertThat(this.corp.requestCount()).isEqualTo(2);
		this.cached.clear();
		verifier.verify(corpToken, (provider) -> true);
		verifier.verify(partnerToken, (provider) -> true);
		assertThat(this.cached).containsExactly(false, true);
		assertThat(conversions("corp")).isEqualTo(3);
		assertThat(conversions("partner")).isOne();
	}

	@Test
	void disabledCacheVerifiesEveryTime() {
		JwtVerifier verifier = start("jwt.cache.enabled=false");
		assertThat(this.context.getBeanProvider(VerifiedTokenCache.class).getIfAvailable()).isNull();
		String token = token(CORP, CORP_KEY);
		for (int i = 0; i < 3; i++) {
			verifier.verify(token, (provider) -> true);
		}
		assertThat(conversions("corp")).isEqualTo(3);
		assertThat(this.cached).containsExactly(false, false, false);
	}

	@Test
	void maxSizeBoundsTheCache() {
		JwtVerifier verifier = start("jwt.cache.max-size=5");
		for (int i = 0; i < 30; i++) {
			verifier.verify(token(CORP, CORP_KEY), (provider) -> true);
		}
		VerifiedTokenCache cache = this.context.getBean(VerifiedTokenCache.class);
		cache.getNativeCache().cleanUp();
		assertThat(cache.getNativeCache().estimatedSize()).isLessThanOrEqualTo(5);
	}

	private JwtVerifier start(String... properties) {
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.initializers((applicationContext) -> {
				applicationContext.getBeanFactory()
					.registerSingleton("recordingFetchListener", (JwksFetchListener) this.fetches::add);
				applicationContext.getBeanFactory()
					.registerSingleton("recordingVerificationListener",
							(JwtVerificationListener) (provider, failure, hit, nanos) -> this.cached.add(hit));
				applicationContext.getBeanFactory()
					.registerSingleton("countingAuthorities",
							(JwtAuthoritiesConverterCustomizer) (providerId, converter) -> (jwt) -> {
								this.conversions.computeIfAbsent(providerId, (id) -> new AtomicInteger())
									.incrementAndGet();
								return converter.convert(jwt);
							});
			})
			.properties("jwt.providers.corp.issuer=" + CORP, "jwt.providers.corp.jwks.uri=" + this.corp.jwksUri(),
					"jwt.providers.corp.jwks.cache-duration=5s", "jwt.providers.corp.jwks.min-refresh-interval=500ms",
					"jwt.providers.corp.jwks.connect-timeout=250ms", "jwt.providers.corp.jwks.read-timeout=1s",
					"jwt.providers.partner.issuer=" + PARTNER,
					"jwt.providers.partner.jwks.uri=" + this.partner.jwksUri())
			.properties(properties)
			.run();
		return this.context.getBean(JwtVerifier.class);
	}

	private int conversions(String providerId) {
		AtomicInteger count = this.conversions.get(providerId);
		return (count != null) ? count.get() : 0;
	}

	private static String token(String issuer, RSAKey key) {
		return TestJwts.issuer(issuer).subject("alice").claim("jti", UUID.randomUUID().toString()).signWith(key);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JwtAutoConfiguration.class)
	static class Config {

	}

}
