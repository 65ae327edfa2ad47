package io.github.jwtstarter.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JwkQualityGateTests {

	@Test
	void strongKeysPass() {
		JWKSet keys = new JWKSet(List.of(TestKeys.rsa("a").toPublicJWK(), TestKeys.ec("b", Curve.P_384).toPublicJWK(),
				TestKeys.hmac("c", 32)));
		assertThat(JwkQualityGate.problems(keys)).isEmpty();
	}

	@Test
	void rsaKeyUnder2048BitsIsRefused() {
		assertThat(JwkQualityGate.problems(new JWKSet(TestKeys.rsa("weak", 1024).toPublicJWK()))).singleElement()
			.asString()
			.contains("weak")
			.contains("1024 bits");
	}

	@Test
	void rsaKeyOver8192BitsIsRefused() {
		java.math.BigInteger modulus = java.math.BigInteger.ONE.shiftLeft(8703).setBit(0);
		RSAKey huge = new RSAKey.Builder(com.nimbusds.jose.util.Base64URL.encode(modulus),
				com.nimbusds.jose.util.Base64URL.encode(java.math.BigInteger.valueOf(65537)))
			.keyID("huge")
			.build();
		assertThat(JwkQualityGate.problems(new JWKSet(huge))).singleElement()
			.asString()
			.contains("huge")
			.contains("8704 bits");
		List<String> rejected = new java.util.ArrayList<>();
		assertThat(JwkQualityGate.usable(new JWKSet(huge), rejected).getKeys()).isEmpty();
		assertThat(rejected).hasSize(1);
	}

	@Test
	void rsaKeyWithALargePublicExponentIsRefused() {
		RSAKey real = TestKeys.rsa("big-e");
		RSAKey bigExponent = new RSAKey.Builder(real.getModulus(),
				com.nimbusds.jose.util.Base64URL.encode(java.math.BigInteger.ONE.shiftLeft(64).setBit(0)))
			.keyID("big-e")
			.build();
		assertThat(JwkQualityGate.problems(new JWKSet(bigExponent))).singleElement()
			.asString()
			.contains("big-e")
			.contains("exponent");
	}

	@Test
	void hmacSecretShorterThanTheHashIsRefused() {
		assertThat(JwkQualityGate.problems(new JWKSet(TestKeys.hmac("short", 16)))).singleElement()
			.asString()
			.contains("128 bits");
	}

	@Test
	void ecKeyOffTheNistCurvesIsRefused() throws Exception {
		// the secp256k1 generator point, a valid public key on that curve
		ECKey secp256k1 = ECKey.parse(
				"{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"k1\",\"x\":\"eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g\",\"y\":\"SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg\"}");
		assertThat(JwkQualityGate.problems(new JWKSet(secp256k1))).singleElement().asString().contains("secp256k1");
	}

	@Test
	void keysWhoseUseOrOperationsForbidVerificationAreRefused() throws Exception {
		RSAKey base = TestKeys.rsa("x");
		RSAKey encryption = new RSAKey.Builder(base.toRSAPublicKey()).keyID("enc").keyUse(KeyUse.ENCRYPTION).build();
		RSAKey signOnly = new RSAKey.Builder(base.toRSAPublicKey()).keyID("ops")
			.keyOperations(Set.of(KeyOperation.ENCRYPT))
			.build();
		assertThat(JwkQualityGate.problems(new JWKSet(List.of(encryption, signOnly)))).hasSize(2);
	}

	@Test
	void duplicateKidIsRefusedLocallyAndDroppedRemotely() {
		JWKSet keys = new JWKSet(List.of(TestKeys.rsa("same").toPublicJWK(), TestKeys.rsa("same").toPublicJWK(),
				TestKeys.rsa("other").toPublicJWK()));
		assertThat(JwkQualityGate.problems(keys)).singleElement().asString().contains("duplicate kid");
		List<String> rejected = new ArrayList<>();
		JWKSet usable = JwkQualityGate.usable(keys, rejected);
		assertThat(usable.getKeys()).extracting((key) -> key.getKeyID()).containsExactly("other");
		assertThat(rejected).hasSize(2);
	}

	@Test
	void remoteSetsKeepOnlyPublicAsymmetricKeys() {
		List<String> rejected = new ArrayList<>();
		JWKSet usable = JwkQualityGate.usable(new JWKSet(List.of(TestKeys.rsa("private"), TestKeys.hmac("secret", 32))),
				rejected);
		assertThat(usable.getKeys()).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());
		assertThat(rejected).singleElement().asString().contains("symmetric");
	}

	@Test
	void ed25519KeyPassesWithTink() {
		assertThat(JwkQualityGate.problems(new JWKSet(TestKeys.ed25519("ed").toPublicJWK()), true)).isEmpty();
	}

	@Test
	void ed25519KeyIsRefusedWithoutTinkNamingTheDependency() {
		JWKSet keys = new JWKSet(List.of(TestKeys.ed25519("ed").toPublicJWK(), TestKeys.rsa("rsa").toPublicJWK()));
		assertThat(JwkQualityGate.problems(keys, false)).singleElement()
			.asString()
			.contains("kid ed")
			.contains("com.google.crypto.tink:tink");
		List<String> rejected = new ArrayList<>();
		assertThat(JwkQualityGate.usable(keys, rejected, false).getKeys()).extracting(JWK::getKeyID)
			.containsExactly("rsa");
		assertThat(rejected).singleElement().asString().contains("com.google.crypto.tink:tink");
	}

	@Test
	void ed448KeyIsRefusedSinceNimbusCannotVerifyIt() throws Exception {
		OctetKeyPair ed448 = new OctetKeyPair.Builder(Curve.Ed448, Base64URL.encode(new byte[57])).keyID("ed448")
			.build();
		assertThat(JwkQualityGate.problems(new JWKSet(ed448), true)).singleElement()
			.asString()
			.contains("Ed448")
			.contains("use Ed25519");
	}

}
