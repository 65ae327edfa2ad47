package io.github.jwtstarter.jwt;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Signatures of every supported algorithm give the same answers whether the JDK or Amazon
 * Corretto Crypto Provider checks them; ACCP and EdDSA are used exactly when their
 * libraries load.
 */
class VerificationCryptoTests {

	static final RSAKey RSA_KEY = TestKeys.rsa("rsa-1");

	static final ECKey P256_KEY = TestKeys.ec("ec-256", Curve.P_256);

	static final ECKey P384_KEY = TestKeys.ec("ec-384", Curve.P_384);

	static final ECKey P521_KEY = TestKeys.ec("ec-521", Curve.P_521);

	static final OctetKeyPair ED25519_KEY = TestKeys.ed25519("ed-1");

	static final List<JWK> KEYS = List.of(RSA_KEY, P256_KEY, P384_KEY, P521_KEY, ED25519_KEY);

	static final String ISSUER = "https://idp.example";

	static boolean accpExpected() {
		return "Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"));
	}

	static Stream<Arguments> cryptoAndAlgorithms() {
		List<VerificationCrypto> cryptos = List.of(VerificationCrypto.jdk(),
				VerificationCrypto.preferAccp(VerificationCryptoTests.class.getClassLoader()));
		Stream.Builder<Arguments> arguments = Stream.builder();
		for (VerificationCrypto crypto : cryptos) {
			for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
					JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512)) {
				arguments.add(Arguments.of(crypto, algorithm, RSA_KEY));
			}
			arguments.add(Arguments.of(crypto, JWSAlgorithm.ES256, P256_KEY));
			arguments.add(Arguments.of(crypto, JWSAlgorithm.ES384, P384_KEY));
			arguments.add(Arguments.of(crypto, JWSAlgorithm.ES512, P521_KEY));
			arguments.add(Arguments.of(crypto, JWSAlgorithm.EdDSA, ED25519_KEY));
			arguments.add(Arguments.of(crypto, JWSAlgorithm.Ed25519, ED25519_KEY));
		}
		return arguments.build();
	}

	static ProviderJwtDecoder decoder(VerificationCrypto crypto) {
		JWKSet keys = new JWKSet(KEYS.stream().map(JWK::toPublicJWK).toList());
		assertThat(JwkQualityGate.problems(keys, crypto.supportsEdDsa())).isEmpty();
		return new ProviderJwtDecoder("test", ProviderKeys.local(keys), Set.of(),
				(jwt) -> OAuth2TokenValidatorResult.success(), crypto);
	}

	static String token(JWSAlgorithm algorithm, JWK key) {
		return TestJwts.issuer(ISSUER).subject("alice").algorithm(algorithm).signWith(key);
	}

	static JwtFailure rejection(ProviderJwtDecoder decoder, String token) {
		return assertThatExceptionOfType(JwtVerificationException.class).isThrownBy(() -> decoder.decode(token))
			.actual()
			.getFailure();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cryptoAndAlgorithms")
	void validSignatureIsAccepted(VerificationCrypto crypto, JWSAlgorithm algorithm, JWK key) {
		Jwt jwt = decoder(crypto).decode(token(algorithm, key));
		assertThat(jwt.getSubject()).isEqualTo("alice");
		assertThat(jwt.getHeaders()).containsEntry("alg", algorithm.getName());
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cryptoAndAlgorithms")
	void alteredSignatureIsRejected(VerificationCrypto crypto, JWSAlgorithm algorithm, JWK key) {
		String token = token(algorithm, key);
		int last = token.length() - 5;
		String altered = token.substring(0, last) + ((token.charAt(last) == 'A') ? 'B' : 'A')
				+ token.substring(last + 1);
		assertThat(rejection(decoder(crypto), altered)).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cryptoAndAlgorithms")
	void signatureOfAnotherKeyWithTheSameKidIsRejected(VerificationCrypto crypto, JWSAlgorithm algorithm, JWK key) {
		JWK impostor = switch (key.getKeyType().getValue()) {
			case "RSA" -> TestKeys.rsa(key.getKeyID());
			case "EC" -> TestKeys.ec(key.getKeyID(), ((ECKey) key).getCurve());
			default -> TestKeys.ed25519(key.getKeyID());
		};
		assertThat(rejection(decoder(crypto), token(algorithm, impostor))).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void preferAccpChecksSignaturesWithAccpWhereItLoads() {
		assumeThat(accpExpected()).as("ACCP ships a native library for linux-x86_64 here").isTrue();
		VerificationCrypto crypto = VerificationCrypto.preferAccp(getClass().getClassLoader());
		assertThat(crypto.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
		assertThat(decoder(crypto).getCrypto()).isSameAs(crypto);
	}

	@Test
	void preferAccpFallsBackToTheJdkWhenAccpIsNotOnTheClassPath() {
		VerificationCrypto crypto = VerificationCrypto
			.preferAccp(new FilteredClassLoader("com.amazon.corretto.crypto.provider"));
		assertThat(crypto.providerName()).isEqualTo("JDK");
		assertThat(decoder(crypto).decode(token(JWSAlgorithm.RS256, RSA_KEY)).getSubject()).isEqualTo("alice");
	}

	@Test
	void edDsaIsSupportedOnlyWhenTinkIsOnTheClassPath() {
		assertThat(VerificationCrypto.jdk(getClass().getClassLoader()).supportsEdDsa()).isTrue();
		assertThat(VerificationCrypto.jdk(new FilteredClassLoader("com.google.crypto.tink")).supportsEdDsa()).isFalse();
		assertThat(VerificationCrypto.preferAccp(new FilteredClassLoader("com.google.crypto.tink")).supportsEdDsa())
			.isFalse();
	}

	@Test
	void ed25519KeyIsNeverUsedWithoutTink() {
		VerificationCrypto withoutTink = VerificationCrypto.jdk(new FilteredClassLoader("com.google.crypto.tink"));
		ProviderJwtDecoder decoder = new ProviderJwtDecoder("test",
				ProviderKeys.local(new JWKSet(ED25519_KEY.toPublicJWK())), Set.of(),
				(jwt) -> OAuth2TokenValidatorResult.success(), withoutTink);
		assertThat(rejection(decoder, token(JWSAlgorithm.EdDSA, ED25519_KEY))).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

}
