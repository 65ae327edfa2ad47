package io.github.jwtstarter.jwt;

import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Providers assembled by the {@link JwtProviderFactory}, verifying tokens signed by real
 * keys.
 */
class JwtProviderFactoryTests {

	static final String ISSUER = "https://corp.example";

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final ProviderKeys.RemoteSettings REMOTE = new ProviderKeys.RemoteSettings(Duration.ofMinutes(5),
			Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
			DataSize.ofKilobytes(64));

	private final JwtProviderFactory factory = JwtProviderFactory.jdk(getClass().getClassLoader(), Clock.systemUTC());

	private JwtProviderBuilder corp() {
		return this.factory.provider("corp", ISSUER)
			.keys(() -> this.factory.localKeys(TestKeys.toPem(KEY)))
			.authenticationConverter(
					new ProviderJwtAuthenticationConverter("corp", "sub", ClaimAuthoritiesConverter.scopes()));
	}

	private static TestJwts token() {
		return TestJwts.issuer(ISSUER).subject("alice");
	}

	private static JwtFailure failure(JwtProvider provider, String token) {
		return assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> provider.getDecoder().decode(token))
			.actual()
			.getFailure();
	}

	@Test
	void buildWhenDefaultsThenTokenOfIssuerVerifies() {
		JwtProvider provider = corp().build();
		Jwt jwt = provider.getDecoder().decode(token().signWith(KEY));
		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(provider.getId()).isEqualTo("corp");
		assertThat(provider.getIssuer()).isEqualTo(ISSUER);
		assertThat(provider.getKeys().isLocal()).isTrue();
		assertThat(provider.getDPoPMode()).isEqualTo(DPoPMode.ALLOWED);
		assertThat(provider.getAuthenticationConverter().convert(jwt).getName()).isEqualTo("alice");
	}

	@Test
	void buildWhenOtherIssuerThenRejected() {
		JwtProvider provider = corp().build();
		assertThat(failure(provider, TestJwts.issuer("https://other.example").signWith(KEY)))
			.isEqualTo(JwtFailure.BAD_ISSUER);
	}

	@Test
	void buildWhenAudienceNotNamedThenRejected() {
		JwtProvider provider = corp().audiences(List.of("api")).build();
		assertThat(failure(provider, token().audience("web").signWith(KEY))).isEqualTo(JwtFailure.BAD_AUDIENCE);
		assertThat(provider.getDecoder().decode(token().audience("web", "api").signWith(KEY))).isNotNull();
	}

	@Test
	void buildWhenRequiredClaimMissingThenRejected() {
		JwtProvider provider = corp().requiredClaims(Map.of("org", "solo.io")).build();
		assertThat(failure(provider, token().signWith(KEY))).isEqualTo(JwtFailure.BAD_CLAIM);
		assertThat(provider.getDecoder().decode(token().claim("org", "solo.io").signWith(KEY))).isNotNull();
	}

	@Test
	void buildWhenTypeNotAcceptedThenRejected() {
		JwtProvider provider = corp().types(List.of("at+jwt")).build();
		String token = token().header((header) -> header.type(new JOSEObjectType("JWT"))).signWith(KEY);
		assertThat(failure(provider, token)).isEqualTo(JwtFailure.BAD_TYPE);
	}

	@Test
	void buildWhenAlgorithmNotAcceptedThenRejected() {
		JwtProvider provider = corp().algorithms(List.of("PS256")).build();
		failure(provider, token().signWith(KEY));
		assertThat(corp().algorithms(List.of("RS256")).build().getDecoder().decode(token().signWith(KEY))).isNotNull();
	}

	@Test
	void buildWhenLifetimeBoundedThenLongerTokenRejected() {
		JwtProvider provider = corp().time(Duration.ofSeconds(60), true, Duration.ofMinutes(1)).build();
		assertThat(failure(provider, token().expiresIn(Duration.ofMinutes(5)).signWith(KEY)))
			.isEqualTo(JwtFailure.LIFETIME_TOO_LONG);
	}

	@Test
	void buildWhenExpirationNotRequiredThenTokenWithoutExpVerifies() {
		assertThat(failure(corp().build(), token().noExpiry().signWith(KEY))).isEqualTo(JwtFailure.MISSING_EXPIRATION);
		JwtProvider provider = corp().time(Duration.ofSeconds(60), false, null).build();
		assertThat(provider.getDecoder().decode(token().noExpiry().signWith(KEY)).getExpiresAt()).isNull();
	}

	@Test
	void buildWhenDPoPRequiredThenProviderRequiresIt() {
		JwtProvider provider = corp().dpop(DPoPMode.REQUIRED, Duration.ofSeconds(30), 10).build();
		assertThat(provider.getDPoPMode()).isEqualTo(DPoPMode.REQUIRED);
		assertThat(provider.getSenderConstraints().getDPoPMode()).isEqualTo(DPoPMode.REQUIRED);
	}

	@Test
	void buildWhenCustomizerDoesNotAskForKeysThenConfiguredKeysAreNeverBuilt() {
		RSAKey replacement = TestKeys.rsa("replacement");
		List<String> calls = new ArrayList<>();
		JwtProvider provider = corp().keys(() -> {
			calls.add("configured");
			return this.factory.localKeys(TestKeys.toPem(KEY));
		}).keysCustomizers(List.of((id, keys) -> {
			calls.add("customizer for " + id);
			return ProviderKeys.local(new JWKSet(replacement.toPublicJWK()));
		})).build();
		assertThat(calls).containsExactly("customizer for corp");
		assertThat(provider.getDecoder().decode(token().signWith(replacement))).isNotNull();
		assertThat(failure(provider, token().signWith(KEY))).isNotNull();
	}

	@Test
	void buildWhenCustomizersThenEachGetsWhatThePreviousReturned() {
		ProviderKeys first = ProviderKeys.local(new JWKSet(KEY.toPublicJWK()));
		List<ProviderKeys> seen = new ArrayList<>();
		JwtProvider provider = corp().keysCustomizers(List.of((id, keys) -> first, (id, keys) -> {
			seen.add(keys.get());
			return keys.get();
		})).build();
		assertThat(seen).containsExactly(first);
		assertThat(provider.getKeys()).isSameAs(first);
	}

	@Test
	void remoteKeysWhenJwksServedThenTokenVerifiesAndFetchIsReported() throws Exception {
		List<JwksFetchEvent> fetches = new CopyOnWriteArrayList<>();
		try (JwksServer server = JwksServer.start(KEY);
				ProviderKeys keys = this.factory.remoteKeys("corp", URI.create(server.jwksUri()).toURL(), ISSUER,
						REMOTE, ProviderKeys.Access.DEFAULT, fetches::add)) {
			JwtProvider provider = corp().keys(() -> keys).build();
			assertThat(provider.getDecoder().decode(token().signWith(KEY)).getSubject()).isEqualTo("alice");
			assertThat(provider.getKeys().isLocal()).isFalse();
			assertThat(server.requestCount()).isEqualTo(1);
			assertThat(fetches).isNotEmpty();
		}
	}

	@Test
	void localKeysWhenPemThenLocalKeys() {
		assertThat(this.factory.localKeys(TestKeys.toPem(KEY)).isLocal()).isTrue();
		assertThat(this.factory.localKeys(TestKeys.toPublicJwkSetJson(KEY)).status().keys()).isEqualTo(1);
	}

	@Test
	void localKeysWhenNotKeyTextThenMessageSaysWhatAndTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.localKeys("hello"))
			.withMessage("not a JWK Set, a JWK or a PEM public key; provide a JWK Set, a JWK, or PEM public key(s)");
	}

	@Test
	void localKeysWhenMalformedJwkThenMessageHoldsNoKeyMaterial() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.localKeys("{\"kty\":\"RSA\",\"n\":\"secret-looking\"}"))
			.withMessageEndingWith("; provide a JWK Set, a JWK, or PEM public key(s)")
			.withMessageNotContaining("secret-looking")
			.withNoCause();
	}

	@Test
	void localKeysWhenEmptySetThenHoldsNoKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.localKeys("{\"keys\":[]}"))
			.withMessage("holds no key");
	}

	@Test
	void localKeysWhenWeakKeyThenRefusedByTheKeyQualityGate() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.localKeys(TestKeys.toPublicJwkSetJson(TestKeys.rsa("weak", 1024))))
			.withMessageStartingWith("keys refused by the key quality gate: ")
			.withMessageContaining("2048");
	}

	@Test
	void localKeysWhenEd25519WithoutTinkThenRefused() {
		JwtProviderFactory withoutTink = JwtProviderFactory.jdk(EdDsaVerificationTests.WITHOUT_TINK, Clock.systemUTC());
		String ed25519 = TestKeys.toPublicJwkSetJson(TestKeys.ed25519("ed"));
		assertThat(withoutTink.supportsEdDsa()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> withoutTink.localKeys(ed25519))
			.withMessageStartingWith("keys refused by the key quality gate: ");
		assertThat(this.factory.supportsEdDsa()).isTrue();
		assertThat(this.factory.localKeys(ed25519).isLocal()).isTrue();
	}

	@Test
	void preferAccpWhenClockNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtProviderFactory.preferAccp(null, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void jdkWhenClockNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtProviderFactory.jdk(null, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void localKeysWhenTextNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.localKeys((String) null))
			.withMessage("text cannot be null");
	}

	@Test
	void localKeysWhenKeySetNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.localKeys((JWKSet) null))
			.withMessage("keys cannot be null");
	}

	@Test
	void localKeysWhenWeakKeyInKeySetThenRefusedByTheKeyQualityGate() {
		JWKSet weak = new JWKSet(TestKeys.rsa("weak", 1024).toPublicJWK());
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.localKeys(weak))
			.withMessageStartingWith("keys refused by the key quality gate: ")
			.withMessageContaining("2048");
	}

	@Test
	void localKeysWhenKeySetHoldsPrivateKeysThenOnlyPublicPartsAreKept() throws Exception {
		ProviderKeys keys = this.factory.localKeys(new JWKSet(KEY));
		List<JWK> held = keys.source().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
		assertThat(held).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());
	}

	@Test
	void remoteKeysWhenSettingsNullThenIllegalArgument() throws Exception {
		URL jwks = URI.create("http://127.0.0.1:9/jwks.json").toURL();
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.factory.remoteKeys("corp", jwks, ISSUER, null, ProviderKeys.Access.DEFAULT, (event) -> {
				}))
			.withMessage("settings cannot be null");
	}

	@Test
	void providerWhenIdEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.provider("", ISSUER))
			.withMessage("id cannot be empty");
	}

	@Test
	void providerWhenIssuerEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.provider("corp", " "))
			.withMessage("issuer cannot be empty");
	}

	@Test
	void keysWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().keys(null)).withMessage("keys cannot be null");
	}

	@Test
	void keysCustomizersWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().keysCustomizers(null))
			.withMessage("keysCustomizers cannot be null");
	}

	@Test
	void algorithmsWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().algorithms(null))
			.withMessage("algorithms cannot be null");
	}

	@Test
	void typesWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().types(null)).withMessage("types cannot be null");
	}

	@Test
	void audiencesWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().audiences(null))
			.withMessage("audiences cannot be null");
	}

	@Test
	void requiredClaimsWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().requiredClaims(null))
			.withMessage("requiredClaims cannot be null");
	}

	@Test
	void timeWhenClockSkewNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().time(null, true, null))
			.withMessage("clockSkew cannot be null");
	}

	@Test
	void dpopWhenModeNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().dpop(null, Duration.ofSeconds(60), 10))
			.withMessage("mode cannot be null");
	}

	@Test
	void dpopWhenProofMaxAgeNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().dpop(DPoPMode.ALLOWED, null, 10))
			.withMessage("proofMaxAge cannot be null");
	}

	@Test
	void authenticationConverterWhenNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> corp().authenticationConverter(null))
			.withMessage("authenticationConverter cannot be null");
	}

	@Test
	void buildWhenKeysNotSetThenIllegalState() {
		JwtProviderBuilder builder = this.factory.provider("corp", ISSUER)
			.authenticationConverter(
					new ProviderJwtAuthenticationConverter("corp", "sub", ClaimAuthoritiesConverter.scopes()));
		assertThatIllegalStateException().isThrownBy(builder::build).withMessage("keys must be set");
	}

	@Test
	void buildWhenAuthenticationConverterNotSetThenIllegalState() {
		JwtProviderBuilder builder = this.factory.provider("corp", ISSUER)
			.keys(() -> this.factory.localKeys(TestKeys.toPem(KEY)));
		assertThatIllegalStateException().isThrownBy(builder::build).withMessage("authenticationConverter must be set");
	}

}
