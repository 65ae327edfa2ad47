package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.test.MutableClock;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link VerifiedTokenCache} as used by {@link JwtVerifier}: providers built
 * from real keys, a decoder whose calls are counted, and a clock the tests move.
 */
class VerifiedTokenCacheTests {

	private static final String CORP = "https://corp.example";

	private static final String PARTNER = "https://partner.example";

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	private static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	private final MutableClock clock = new MutableClock(Instant.now());

	private final AtomicInteger decodes = new AtomicInteger();

	private final JwtProvider corp = provider("corp", CORP, CORP_KEY);

	private final JwtProvider partner = provider("partner", PARTNER, PARTNER_KEY);

	private final VerifiedTokenCache cache = new VerifiedTokenCache(100, this.clock);

	private final List<Boolean> cached = new CopyOnWriteArrayList<>();

	private final JwtVerifier verifier = new JwtVerifier(new JwtProviderRegistry(List.of(this.corp, this.partner)),
			16 * 1024, this.cache, (provider, failure, hit, nanos) -> this.cached.add(hit));

	@Test
	void constructorWhenMaxSizeNotPositiveThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedTokenCache(0, Clock.systemUTC()))
			.withMessage("maxSize must be positive");
	}

	@Test
	void constructorWhenClockNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedTokenCache(1, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void repeatedTokenIsAHitThatDoesNotCallTheDecoder() {
		String token = token(CORP, CORP_KEY, Duration.ofMinutes(5));
		VerifiedJwt first = this.verifier.verify(token, (provider) -> true);
		VerifiedJwt second = this.verifier.verify(token, (provider) -> true);
		VerifiedJwt third = this.verifier.verify(token, (provider) -> true);
		assertThat(this.decodes).hasValue(1);
		assertThat(this.cached).containsExactly(false, true, true);
		assertThat(second).isSameAs(first);
		assertThat(third.authentication().getName()).isEqualTo("alice");
	}

	@Test
	void cachedTokenPastItsExpiryIsRejectedAndDropped() {
		String token = token(CORP, CORP_KEY, Duration.ofMinutes(5));
		this.verifier.verify(token, (provider) -> true);
		this.clock.advance(Duration.ofMinutes(5).plus(CLOCK_SKEW).plusSeconds(1));
		assertThat(rejection(token)).isEqualTo(JwtFailure.EXPIRED);
		assertThat(this.cached).containsExactly(false, true);
		assertThat(this.decodes).hasValue(1);
		assertThat(this.cache.get(token)).isNull();
		assertThat(rejection(token)).isEqualTo(JwtFailure.EXPIRED);
		assertThat(this.cached).containsExactly(false, true, false);
	}

	@Test
	void cachedTokenIsStillCheckedForTheProviderAdmissibleHere() {
		String token = token(CORP, CORP_KEY, Duration.ofMinutes(5));
		this.verifier.verify(token, (provider) -> true);
		assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(token, (provider) -> false))
			.extracting(JwtVerificationException::getFailure)
			.isEqualTo(JwtFailure.PROVIDER_NOT_ALLOWED);
		assertThat(this.cached).containsExactly(false, true);
	}

	@Test
	void entryDoesNotOutliveItsToken() {
		VerifiedTokenCache realTime = new VerifiedTokenCache(100, Clock.systemUTC());
		JwtVerifier verifier = new JwtVerifier(new JwtProviderRegistry(List.of(this.corp)), 16 * 1024, realTime,
				JwtVerificationListener.NONE);
		String token = token(CORP, CORP_KEY, Duration.ofSeconds(1));
		verifier.verify(token, (provider) -> true);
		assertThat(realTime.get(token)).isNotNull();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> realTime.get(token) == null);
	}

	@Test
	void keyChangeOfAProviderDropsThatProvidersEntriesOnly() {
		String corpToken = token(CORP, CORP_KEY, Duration.ofMinutes(5));
		String partnerToken = token(PARTNER, PARTNER_KEY, Duration.ofMinutes(5));
		this.verifier.verify(corpToken, (provider) -> true);
		this.verifier.verify(partnerToken, (provider) -> true);
		this.cache.onFetch(fetched("corp", CORP_KEY));
		this.cache.onFetch(fetched("partner", PARTNER_KEY));
		assertThat(this.cache.get(corpToken)).as("first fetch is no change").isNotNull();
		this.cache.onFetch(fetched("corp", CORP_KEY));
		assertThat(this.cache.get(corpToken)).as("same keys fetched again").isNotNull();
		this.cache.onFetch(fetched("corp", CORP_KEY, TestKeys.rsa("corp-2")));
		assertThat(this.cache.get(corpToken)).isNull();
		assertThat(this.cache.get(partnerToken)).isNotNull();
		this.cache.onFetch(new JwksFetchEvent("partner", false, null, 0, Instant.now()));
		assertThat(this.cache.get(partnerToken)).as("a failed fetch changes nothing").isNotNull();
	}

	@Test
	void tokenVerifiedWhileKeysChangedIsNotCached() {
		String token = token(CORP, CORP_KEY, Duration.ofMinutes(5));
		VerifiedJwt verified = this.verifier.verify(token, (provider) -> true);
		this.cache.invalidate(token);
		this.cache.onFetch(fetched("corp", CORP_KEY));
		long generation = this.cache.generation();
		this.cache.onFetch(fetched("corp", TestKeys.rsa("corp-2")));
		this.cache.put(token, verified, generation);
		assertThat(this.cache.get(token)).isNull();
		this.cache.put(token, verified, this.cache.generation());
		assertThat(this.cache.get(token)).isNotNull();
	}

	@Test
	void cacheIsBoundedByMaxSize() {
		VerifiedTokenCache small = new VerifiedTokenCache(10, this.clock);
		JwtVerifier verifier = new JwtVerifier(new JwtProviderRegistry(List.of(this.corp)), 16 * 1024, small,
				JwtVerificationListener.NONE);
		for (int i = 0; i < 50; i++) {
			verifier.verify(token(CORP, CORP_KEY, Duration.ofMinutes(5)), (provider) -> true);
		}
		small.getNativeCache().cleanUp();
		assertThat(small.getNativeCache().estimatedSize()).isLessThanOrEqualTo(10);
	}

	private JwtFailure rejection(String token) {
		return assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(token, (provider) -> true))
			.actual()
			.getFailure();
	}

	private JwtProvider provider(String id, String issuer, RSAKey key) {
		ProviderKeys keys = ProviderKeys.local(new JWKSet(key.toPublicJWK()));
		JwtTimeValidator time = new JwtTimeValidator(CLOCK_SKEW, true, null, this.clock);
		OAuth2TokenValidator<Jwt> validators = ProviderValidators.create(issuer, List.of(), Map.of(), time);
		OAuth2TokenValidator<Jwt> counting = (jwt) -> {
			this.decodes.incrementAndGet();
			return validators.validate(jwt);
		};
		ProviderJwtDecoder decoder = new ProviderJwtDecoder(id, keys, Set.of(), counting);
		return new JwtProvider(id, issuer, keys, decoder, time,
				new ProviderJwtAuthenticationConverter(id, "sub", ClaimAuthoritiesConverter.scopes()));
	}

	private String token(String issuer, RSAKey key, Duration lifetime) {
		return TestJwts.issuer(issuer)
			.subject("alice")
			.claim("jti", UUID.randomUUID().toString())
			.issuedAt(this.clock.instant())
			.expiresIn(lifetime)
			.signWith(key);
	}

	private static JwksFetchEvent fetched(String providerId, RSAKey... keys) {
		List<JWK> publicKeys = new ArrayList<>();
		for (RSAKey key : keys) {
			publicKeys.add(key.toPublicJWK());
		}
		return new JwksFetchEvent(providerId, true, new JWKSet(publicKeys), 0, Instant.now());
	}

}
