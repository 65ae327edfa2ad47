package io.github.jwtstarter.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TestJwts}.
 */
class TestJwtsTests {

	private static final RSAKey RSA = TestKeys.rsa("rsa-1");

	@Test
	void signWithWhenRsaKeyThenNimbusVerifiesTokenWithDefaults() throws Exception {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String token = TestJwts.issuer("https://a.example")
			.subject("alice")
			.audience("orders-api")
			.scope("pets.read pets.write")
			.claim("org", "solo.io")
			.signWith(RSA);
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new RSASSAVerifier(RSA.toPublicJWK()))).isTrue();
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("https://a.example");
		assertThat(claims.getAudience()).containsExactly("orders-api");
		assertThat(claims.getStringClaim("org")).isEqualTo("solo.io");
		assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now());
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void signWithWhenEcKeyThenAlgorithmFollowsCurve() throws Exception {
		ECKey key = TestKeys.ec("ec-1", Curve.P_384);
		SignedJWT jwt = SignedJWT.parse(TestJwts.issuer("https://a.example").signWith(key));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
		assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@Test
	void signWithWhenNoExpiryAndHeaderCustomizedThenTokenHasThem() throws Exception {
		SignedJWT jwt = SignedJWT.parse(TestJwts.issuer("https://a.example")
			.noExpiry()
			.header((header) -> header.keyID(null).type(new JOSEObjectType("at+jwt")).customParam("x", 1))
			.signWith(RSA));
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isNull();
		assertThat(jwt.getHeader().getKeyID()).isNull();
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getCustomParam("x")).isEqualTo(1L);
	}

	@Test
	void hmacSignedWithPublicKeyWhenVerifiedWithX509BytesAsSecretThenSignatureIsValid() throws Exception {
		String token = TestJwts.hmacSignedWithPublicKey(RSA.toPublicJWK(), claims());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
		assertThat(jwt.verify(new MACVerifier(RSA.toPublicKey().getEncoded()))).isTrue();
	}

	@Test
	void unsignedWhenCreatedThenHeaderIsAlgNoneAndSignatureEmpty() {
		String token = TestJwts.unsigned(claims());
		assertThat(token).endsWith(".");
		assertThat(token.split("\\.")).hasSize(2);
		assertThat(Base64URL.from(token.split("\\.")[0]).decodeToString()).isEqualTo("{\"alg\":\"none\"}");
	}

	@Test
	void withB64FalseWhenSignatureCheckedOverEncodedPayloadThenItIsValid() throws Exception {
		String[] parts = TestJwts.withB64False(RSA, claims()).split("\\.");
		JWSHeader header = JWSHeader.parse(new Base64URL(parts[0]));
		assertThat(header.isBase64URLEncodePayload()).isFalse();
		assertThat(header.getCriticalParams()).containsExactly("b64");
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		assertThat(new RSASSAVerifier(RSA.toRSAPublicKey(), Set.of("b64")).verify(header, signingInput,
				new Base64URL(parts[2])))
			.isTrue();
	}

	@Test
	void withCritWhenExpListedThenHeaderCarriesExp() throws Exception {
		JWTClaimsSet claims = claims();
		SignedJWT jwt = SignedJWT.parse(TestJwts.withCrit(RSA, claims, "exp"));
		assertThat(jwt.getHeader().getCriticalParams()).containsExactly("exp");
		assertThat(jwt.getHeader().getCustomParam("exp")).isEqualTo(claims.getExpirationTime().getTime() / 1000);
	}

	@Test
	void jsonSerializedWhenParsedByNimbusThenSignatureVerifies() throws Exception {
		JWSObjectJSON json = JWSObjectJSON.parse(TestJwts.jsonSerialized(RSA, claims()));
		assertThat(json.getSignatures()).hasSize(1);
		assertThat(json.getSignatures().get(0).verify(new RSASSAVerifier(RSA.toPublicJWK()))).isTrue();
	}

	@Test
	void jweWhenDecryptedWithRecipientKeyThenClaimsAreReadable() throws Exception {
		String token = TestJwts.jwe(RSA.toPublicJWK(), claims());
		assertThat(token.split("\\.")).hasSize(5);
		EncryptedJWT jwt = EncryptedJWT.parse(token);
		assertThat(jwt.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
		jwt.decrypt(new RSADecrypter(RSA));
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
	}

	@Test
	void withX5cWhenCreatedThenHeaderCarriesTheAttackerCertificate() throws Exception {
		RSAKey attacker = TestKeys.rsa("evil");
		SignedJWT jwt = SignedJWT.parse(TestJwts.withX5c(attacker, claims()));
		assertThat(jwt.getHeader().getX509CertChain()).hasSize(1);
		assertThat(jwt.verify(new RSASSAVerifier(attacker.toPublicJWK()))).isTrue();
		assertThat(List.of(TestJwts.withEmbeddedJwk(attacker, claims()),
				TestJwts.withJku(attacker, "http://127.0.0.1:1/jwks.json", claims()),
				TestJwts.withX5u(attacker, "http://127.0.0.1:1/cert.pem", claims())))
			.allSatisfy((token) -> assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(attacker.toPublicJWK())))
				.isTrue());
	}

	private static JWTClaimsSet claims() {
		return TestJwts.issuer("https://a.example").subject("alice").claimsSet();
	}

}
