package io.github.jwtstarter.test.tokens;

import java.util.List;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Signs the claims of one test token: picks the algorithm (the test's, the given key's,
 * or the provider's default), the key (the given one, an unknown one, or the provider's
 * test key), writes the header ({@code kid}, {@code typ}) and serializes the signed
 * token.
 */
final class TestTokenSigner {

	private static final DefaultJWSSignerFactory SIGNERS = new DefaultJWSSignerFactory();

	private final String providerId;

	private final JwtTestKeys keys;

	private final List<String> providerTypes;

	private @Nullable JWSAlgorithm algorithm;

	private boolean unknownKey;

	private boolean withoutKid;

	private @Nullable JWK signingKey;

	private @Nullable String type;

	TestTokenSigner(String providerId, JwtTestKeys keys, List<String> providerTypes) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(providerTypes, "providerTypes cannot be null");
		this.providerId = providerId;
		this.keys = keys;
		this.providerTypes = providerTypes;
	}

	void algorithm(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
	}

	void unknownKey() {
		this.unknownKey = true;
	}

	void signingKey(JWK key) {
		Assert.isTrue(key.isPrivate(), "key must be a private key");
		this.signingKey = key;
	}

	void withoutKid() {
		this.withoutKid = true;
	}

	void type(String type) {
		this.type = type;
	}

	/**
	 * Signs the claims, asked for once the key is known (a missing key fails first).
	 * @param claims the claims
	 * @return the compact serialization
	 */
	String sign(Supplier<JWTClaimsSet> claims) {
		JWSAlgorithm algorithm = (this.algorithm != null) ? this.algorithm : (this.signingKey != null)
				? algorithmOf(this.signingKey) : this.keys.defaultAlgorithm(this.providerId);
		JWK key = key(algorithm);
		JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
		if (!this.withoutKid) {
			header.keyID(key.getKeyID());
		}
		String type = (this.type != null) ? this.type : this.providerTypes.isEmpty() ? null : this.providerTypes.get(0);
		if (type != null) {
			header.type(new JOSEObjectType(type));
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims.get());
		try {
			jwt.sign(SIGNERS.createJWSSigner(key, algorithm));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a test token with " + algorithm, ex);
		}
		return jwt.serialize();
	}

	private JWK key(JWSAlgorithm algorithm) {
		if (this.signingKey != null) {
			return this.signingKey;
		}
		JWK key = this.keys.signingKey(this.providerId, algorithm);
		if (this.unknownKey) {
			return JwtTestKeys.unknownKey(algorithm, (key != null) ? key.getKeyID() : this.providerId + "-unknown");
		}
		if (key == null) {
			throw new IllegalStateException(this.keys.hasRealKeys(this.providerId)
					? "Provider '" + this.providerId + "' keeps its real keys (jwt.test.real-keys): sign with "
							+ "signWith(privateKey), or use signedByUnknownKey() for a negative test"
					: "Provider '" + this.providerId + "' has no test key for " + algorithm
							+ "; add it to jwt.providers." + this.providerId + ".algorithms");
		}
		return key;
	}

	private static JWSAlgorithm algorithmOf(JWK key) {
		if (key.getAlgorithm() != null) {
			return JWSAlgorithm.parse(key.getAlgorithm().getName());
		}
		return switch (key.getKeyType().getValue()) {
			case "EC" -> JWSAlgorithm.Family.EC.stream()
				.filter((candidate) -> Curve.forJWSAlgorithm(candidate).contains(key.toECKey().getCurve()))
				.findFirst()
				.orElseThrow();
			case "oct" -> JWSAlgorithm.HS256;
			default -> JWSAlgorithm.RS256;
		};
	}

}
