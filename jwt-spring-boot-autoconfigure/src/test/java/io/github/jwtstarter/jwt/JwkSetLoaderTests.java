package io.github.jwtstarter.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwkSetLoaderTests {

	@Test
	void parseWhenJwkSetThenKeepsPublicParts() {
		RSAKey key = TestKeys.rsa("a");
		JWKSet keys = JwkSetLoader.parse(new JWKSet(key).toString(false));
		assertThat(keys.getKeys()).singleElement().satisfies((jwk) -> {
			assertThat(jwk.getKeyID()).isEqualTo("a");
			assertThat(jwk.isPrivate()).isFalse();
		});
	}

	@Test
	void parseWhenSingleJwkThenOneKey() {
		assertThat(JwkSetLoader.parse(TestKeys.ec("e", Curve.P_256).toPublicJWK().toJSONString()).getKeys())
			.singleElement()
			.satisfies((jwk) -> assertThat(jwk.getKeyType()).isEqualTo(KeyType.EC));
	}

	@Test
	void parseWhenSeveralPemKeysThenAllWithoutKid() {
		RSAKey rsa = TestKeys.rsa("r");
		ECKey ec = TestKeys.ec("e", Curve.P_384);
		JWKSet keys = JwkSetLoader.parse(TestKeys.toPem(rsa) + "\n" + TestKeys.toPem(ec));
		assertThat(keys.getKeys()).hasSize(2);
		assertThat(keys.getKeys()).allSatisfy((jwk) -> assertThat(jwk.getKeyID()).isNull());
		assertThat(((RSAKey) keys.getKeys().get(0)).getModulus()).isEqualTo(rsa.getModulus());
	}

	@Test
	void parseWhenCertificateThenItsPublicKey() {
		RSAKey rsa = TestKeys.rsa("r");
		JWKSet keys = JwkSetLoader.parse(TestKeys.toPem(TestKeys.selfSignedCertificate(rsa)));
		assertThat(((RSAKey) keys.getKeys().get(0)).getModulus()).isEqualTo(rsa.getModulus());
	}

	@Test
	void parseWhenPrivateKeyPemThenRefusedWithoutEchoingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkSetLoader.parse("-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----"))
			.withMessageContaining("not a public key")
			.withMessageNotContaining("QUJD");
	}

	@Test
	void parseWhenGarbageThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwkSetLoader.parse("hello"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkSetLoader.parse("{\"kty\":\"RSA\"}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkSetLoader.parse("-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----"));
	}

}
