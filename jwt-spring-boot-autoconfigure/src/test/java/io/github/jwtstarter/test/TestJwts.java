package io.github.jwtstarter.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * Mints JWTs for tests: a fluent builder for well-formed tokens, and static helpers for
 * the attacks the starter must refuse. <pre class="code">
 * String token = TestJwts.issuer("https://a.example")
 * 	.subject("alice")
 * 	.audience("orders-api")
 * 	.scope("pets.read pets.write")
 * 	.signWith(key);
 * </pre> Defaults: {@code iat} now, {@code exp} now plus five minutes, {@code typ: JWT},
 * {@code kid} from the key, {@code alg} from the key ({@code alg} member if set, else
 * RS256 for RSA, ES256/384/512 by EC curve, HS256 for secrets). Each builder method
 * returns the same (mutable) builder; use one builder per token.
 */
public final class TestJwts {

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private @Nullable Instant issuedAt = Instant.now();

	private @Nullable Instant notBefore;

	private @Nullable Instant expiresAt;

	private @Nullable Duration expiresIn = DEFAULT_LIFETIME;

	private @Nullable JWSAlgorithm algorithm;

	private final List<Consumer<JWSHeader.Builder>> headerCustomizers = new ArrayList<>();

	private TestJwts() {
	}

	/**
	 * Start a token with the given {@code iss}.
	 * @param issuer the issuer
	 * @return a new builder
	 */
	public static TestJwts issuer(String issuer) {
		return new TestJwts().claim("iss", issuer);
	}

	/**
	 * Start a token without {@code iss}.
	 * @return a new builder
	 */
	public static TestJwts noIssuer() {
		return new TestJwts();
	}

	public TestJwts subject(String subject) {
		return claim("sub", subject);
	}

	/**
	 * Set {@code aud}: a string for one value, an array for several.
	 * @param audiences the audiences
	 * @return this builder
	 */
	public TestJwts audience(String... audiences) {
		return claim("aud", (audiences.length == 1) ? audiences[0] : List.of(audiences));
	}

	public TestJwts scope(String scope) {
		return claim("scope", scope);
	}

	/**
	 * Set a claim; {@code null} removes it. Lists and maps become JSON arrays and
	 * objects, {@link Instant}s become seconds since the epoch.
	 * @param name the claim name
	 * @param value the value
	 * @return this builder
	 */
	public TestJwts claim(String name, @Nullable Object value) {
		if (value == null) {
			this.claims.remove(name);
		}
		else {
			this.claims.put(name, (value instanceof Instant instant) ? Date.from(instant) : value);
		}
		return this;
	}

	/**
	 * Set {@code exp} relative to {@code iat} (or now when there is no {@code iat}); a
	 * negative duration makes an expired token.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public TestJwts expiresIn(Duration lifetime) {
		this.expiresIn = lifetime;
		this.expiresAt = null;
		return this;
	}

	public TestJwts expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		this.expiresIn = null;
		return this;
	}

	/**
	 * Leave out {@code exp}.
	 * @return this builder
	 */
	public TestJwts noExpiry() {
		this.expiresAt = null;
		this.expiresIn = null;
		return this;
	}

	public TestJwts issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	/**
	 * Leave out {@code iat}.
	 * @return this builder
	 */
	public TestJwts noIssuedAt() {
		this.issuedAt = null;
		return this;
	}

	public TestJwts notBefore(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	/**
	 * Sign with this algorithm instead of the one derived from the key, e.g. PS256 or
	 * RS512 with an RSA key.
	 * @param algorithm the JWS algorithm
	 * @return this builder
	 */
	public TestJwts algorithm(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	/**
	 * Customize the JOSE header after the defaults ({@code alg}, {@code typ: JWT},
	 * {@code kid}) are set, e.g. {@code h -> h.keyID(null)},
	 * {@code h -> h.type(new JOSEObjectType("at+jwt"))} or
	 * {@code h -> h.customParam("x", 1)}.
	 * @param customizer the header customizer
	 * @return this builder
	 */
	public TestJwts header(Consumer<JWSHeader.Builder> customizer) {
		this.headerCustomizers.add(customizer);
		return this;
	}

	/**
	 * Return the claims this builder would sign, with {@code iat}/{@code nbf}/{@code exp}
	 * resolved. Useful as input for the static attack helpers.
	 * @return the claims set
	 */
	public JWTClaimsSet claimsSet() {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		this.claims.forEach(builder::claim);
		if (this.issuedAt != null) {
			builder.issueTime(Date.from(this.issuedAt));
		}
		if (this.notBefore != null) {
			builder.notBeforeTime(Date.from(this.notBefore));
		}
		Instant expiry = (this.expiresIn != null)
				? ((this.issuedAt != null) ? this.issuedAt : Instant.now()).plus(this.expiresIn) : this.expiresAt;
		if (expiry != null) {
			builder.expirationTime(Date.from(expiry));
		}
		return builder.build();
	}

	/**
	 * Sign the claims with the key and return the compact serialization.
	 * @param key the signing key (private part or secret required)
	 * @return the token
	 */
	public String signWith(JWK key) {
		JWSHeader.Builder header = defaultHeader(key, (this.algorithm != null) ? this.algorithm : algorithmFor(key));
		this.headerCustomizers.forEach((customizer) -> customizer.accept(header));
		return sign(header.build(), claimsSet(), key);
	}

	// Attacks

	/**
	 * Return an unsecured JWT: header {@code {"alg":"none"}}, the payload and an empty
	 * signature.
	 * @param claims the claims
	 * @return the token, ending with {@code .}
	 */
	public static String unsigned(JWTClaimsSet claims) {
		return unsigned("none", claims);
	}

	/**
	 * Return an unsecured JWT with the given spelling of {@code none} (e.g.
	 * {@code "nOnE"}).
	 * @param none the {@code alg} value
	 * @param claims the claims
	 * @return the token, ending with {@code .}
	 */
	public static String unsigned(String none, JWTClaimsSet claims) {
		String header = "{\"alg\":\"" + none + "\"}";
		return Base64URL.encode(header) + "." + payload(claims) + ".";
	}

	/**
	 * Return an HS256 token whose HMAC secret is the RSA public key's X.509 (DER)
	 * encoding, with the RSA key's {@code kid}: the algorithm-confusion attack on
	 * verifiers that let the token choose the algorithm.
	 * @param publicKey the victim's RSA key (public part is enough)
	 * @param claims the claims
	 * @return the token
	 */
	public static String hmacSignedWithPublicKey(RSAKey publicKey, JWTClaimsSet claims) {
		try {
			return hmacSigned(publicKey, publicKey.toPublicKey().getEncoded(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Like {@link #hmacSignedWithPublicKey(RSAKey, JWTClaimsSet)}, but the secret is the
	 * PEM text of the public key, as in the attack on libraries configured with a PEM
	 * string.
	 * @param publicKey the victim's RSA key (public part is enough)
	 * @param claims the claims
	 * @return the token
	 */
	public static String hmacSignedWithPublicKeyPem(RSAKey publicKey, JWTClaimsSet claims) {
		return hmacSigned(publicKey, TestKeys.toPem(publicKey).getBytes(StandardCharsets.US_ASCII), claims);
	}

	/**
	 * Return a token signed by the attacker whose header carries the attacker's public
	 * key ({@code jwk}).
	 * @param attackerKey the attacker's key (private part required)
	 * @param claims the claims
	 * @return the token
	 */
	public static String withEmbeddedJwk(JWK attackerKey, JWTClaimsSet claims) {
		return signed(attackerKey, claims, (header) -> header.jwk(attackerKey.toPublicJWK()));
	}

	/**
	 * Return a token signed by the attacker whose header points at a JWK Set URL
	 * ({@code jku}), e.g. a {@link JwksServer} serving the attacker's key.
	 * @param attackerKey the attacker's key (private part required)
	 * @param jku the URL
	 * @param claims the claims
	 * @return the token
	 */
	public static String withJku(JWK attackerKey, String jku, JWTClaimsSet claims) {
		return signed(attackerKey, claims, (header) -> header.jwkURL(URI.create(jku)));
	}

	/**
	 * Return a token signed by the attacker whose header points at an X.509 URL
	 * ({@code x5u}).
	 * @param attackerKey the attacker's key (private part required)
	 * @param x5u the URL
	 * @param claims the claims
	 * @return the token
	 */
	public static String withX5u(JWK attackerKey, String x5u, JWTClaimsSet claims) {
		return signed(attackerKey, claims, (header) -> header.x509CertURL(URI.create(x5u)));
	}

	/**
	 * Return a token signed by the attacker whose header carries a self-signed
	 * certificate of the attacker's key ({@code x5c}).
	 * @param attackerKey the attacker's RSA key (private part required)
	 * @param claims the claims
	 * @return the token
	 */
	public static String withX5c(RSAKey attackerKey, JWTClaimsSet claims) {
		try {
			Base64 certificate = Base64.encode(TestKeys.selfSignedCertificate(attackerKey).getEncoded());
			return signed(attackerKey, claims, (header) -> header.x509CertChain(List.of(certificate)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a correctly signed token whose header lists the given parameters in
	 * {@code crit}. Each listed parameter is also put in the header: with the claim's
	 * value when a claim of that name exists (e.g. {@code exp}), else {@code true}.
	 * @param key the signing key
	 * @param claims the claims
	 * @param criticalParams the names for {@code crit}, e.g. {@code "exp"} or
	 * {@code "x-custom"}
	 * @return the token
	 */
	public static String withCrit(JWK key, JWTClaimsSet claims, String... criticalParams) {
		return signed(key, claims, (header) -> {
			header.criticalParams(new LinkedHashSet<>(Arrays.asList(criticalParams)));
			for (String name : criticalParams) {
				if (!JWSHeader.getRegisteredParameterNames().contains(name)) {
					Object claim = claims.toJSONObject().get(name);
					header.customParam(name, (claim != null) ? claim : true);
				}
			}
		});
	}

	/**
	 * Return a token whose header says {@code "b64":false} (with {@code crit:["b64"]})
	 * while the payload is still base64url-encoded and the signature covers it as usual:
	 * a verifier that ignores {@code b64} accepts it, so a test can prove the header is
	 * refused.
	 * @param key the signing key
	 * @param claims the claims
	 * @return the token
	 */
	public static String withB64False(JWK key, JWTClaimsSet claims) {
		return signed(key, claims, (header) -> header.base64URLEncodePayload(false).criticalParams(Set.of("b64")));
	}

	/**
	 * Return a token whose header says {@code "b64":true} (without {@code crit}), a
	 * header that changes nothing in how the token is signed: a verifier that only
	 * refuses {@code b64:false} accepts it, so a test can prove any {@code b64} header is
	 * refused.
	 * @param key the signing key
	 * @param claims the claims
	 * @return the token
	 */
	public static String withB64True(JWK key, JWTClaimsSet claims) {
		Map<String, Object> header = new LinkedHashMap<>(defaultHeader(key, algorithmFor(key)).build().toJSONObject());
		header.put("b64", true);
		try {
			return sign(JWSHeader.parse(Base64URL.encode(JSONObjectUtils.toJSONString(header))), claims, key);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a valid token in the JWS JSON (general) serialization:
	 * {@code {"payload":..,"signatures":[{"protected":..,"signature":..}]}}.
	 * @param key the signing key
	 * @param claims the claims
	 * @return the JSON document
	 */
	public static String jsonSerialized(JWK key, JWTClaimsSet claims) {
		String[] parts = signed(key, claims, (header) -> {
		}).split("\\.");
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("protected", parts[0]);
		signature.put("signature", parts[2]);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("payload", parts[1]);
		json.put("signatures", List.of(signature));
		return JSONObjectUtils.toJSONString(json);
	}

	/**
	 * Return a compact JWE (five parts) of the claims, encrypted to the RSA key with
	 * RSA-OAEP-256 and A256GCM.
	 * @param recipient the recipient's RSA key (public part is enough)
	 * @param claims the claims
	 * @return the token
	 */
	public static String jwe(RSAKey recipient, JWTClaimsSet claims) {
		try {
			JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
				.type(JOSEObjectType.JWT)
				.keyID(recipient.getKeyID())
				.build();
			EncryptedJWT jwt = new EncryptedJWT(header, claims);
			jwt.encrypt(new RSAEncrypter(recipient));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// Signing

	private static String signed(JWK key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> customizer) {
		JWSHeader.Builder header = defaultHeader(key, algorithmFor(key));
		customizer.accept(header);
		return sign(header.build(), claims, key);
	}

	private static String hmacSigned(RSAKey publicKey, byte[] secret, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
			.keyID(publicKey.getKeyID())
			.build();
		String signingInput = header.toBase64URL() + "." + payload(claims);
		return signingInput + "." + hmac(JWSAlgorithm.HS256, secret, signingInput);
	}

	private static JWSHeader.Builder defaultHeader(JWK key, JWSAlgorithm algorithm) {
		return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID());
	}

	private static JWSAlgorithm algorithmFor(JWK key) {
		if (key.getAlgorithm() != null) {
			return JWSAlgorithm.parse(key.getAlgorithm().getName());
		}
		if (key instanceof RSAKey) {
			return JWSAlgorithm.RS256;
		}
		if (key instanceof OctetSequenceKey) {
			return JWSAlgorithm.HS256;
		}
		if (key instanceof OctetKeyPair) {
			return JWSAlgorithm.EdDSA;
		}
		if (key instanceof ECKey ecKey) {
			Curve curve = ecKey.getCurve();
			if (Curve.P_256.equals(curve)) {
				return JWSAlgorithm.ES256;
			}
			if (Curve.P_384.equals(curve)) {
				return JWSAlgorithm.ES384;
			}
			if (Curve.P_521.equals(curve)) {
				return JWSAlgorithm.ES512;
			}
			if (Curve.SECP256K1.equals(curve)) {
				return JWSAlgorithm.ES256K;
			}
		}
		throw new IllegalArgumentException("No default algorithm for " + key.getKeyType() + " key " + key.getKeyID());
	}

	/**
	 * Sign header and base64url payload. HMAC is computed directly so that short secrets
	 * (refused by Nimbus' MACSigner) can still mint tokens for negative tests.
	 */
	private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
		String signingInput = header.toBase64URL() + "." + payload(claims);
		byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
		try {
			Base64URL signature;
			if (key instanceof OctetSequenceKey secret) {
				signature = hmac(header.getAlgorithm(), secret.toByteArray(), signingInput);
			}
			else if (key instanceof RSAKey rsaKey) {
				signature = new RSASSASigner(rsaKey.toPrivateKey(), true).sign(header, input);
			}
			else if (key instanceof ECKey ecKey) {
				signature = new ECDSASigner(ecKey).sign(header, input);
			}
			else if (key instanceof OctetKeyPair okp) {
				signature = new Ed25519Signer(okp).sign(header, input);
			}
			else {
				throw new IllegalArgumentException("Unsupported key type " + key.getKeyType());
			}
			return signingInput + "." + signature;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Base64URL hmac(JWSAlgorithm algorithm, byte[] secret, String signingInput) {
		String macAlgorithm = "Hmac" + "SHA" + algorithm.getName().substring(2);
		try {
			Mac mac = Mac.getInstance(macAlgorithm);
			mac.init(new SecretKeySpec(secret, macAlgorithm));
			return Base64URL.encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Base64URL payload(JWTClaimsSet claims) {
		return Base64URL.encode(claims.toString());
	}

}
