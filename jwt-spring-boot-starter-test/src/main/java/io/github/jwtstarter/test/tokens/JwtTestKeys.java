package io.github.jwtstarter.test.tokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.ProviderKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Generated keys that replace the configured keys of each provider in a test: one key per
 * key type of the provider's {@code algorithms} (RSA 2048 for RS256 when none is
 * configured), made when the provider is built, never read from a file or fetched.
 * Providers named in {@code realKeys} keep their configured keys.
 */
public final class JwtTestKeys implements JwtProviderKeysCustomizer {

	private static final JWSAlgorithm DEFAULT_ALGORITHM = JWSAlgorithm.RS256;

	/** Builds the local keys: the key quality gate passes every key generated here. */
	private static final JwtProviderFactory KEYS = JwtProviderFactory.jdk(null, Clock.systemUTC());

	private final Map<String, List<JWSAlgorithm>> algorithms;

	private final Set<String> realKeys;

	private final Map<String, Map<String, JWK>> keys = new ConcurrentHashMap<>();

	/**
	 * Creates the test keys.
	 * @param algorithms the configured algorithms of each provider, by provider id
	 * @param realKeys the ids of the providers that keep their configured keys
	 */
	public JwtTestKeys(Map<String, List<String>> algorithms, Collection<String> realKeys) {
		Assert.notNull(algorithms, "algorithms cannot be null");
		Assert.notNull(realKeys, "realKeys cannot be null");
		Map<String, List<JWSAlgorithm>> parsed = new LinkedHashMap<>();
		algorithms.forEach((id, names) -> parsed.put(id,
				names.isEmpty() ? List.of(DEFAULT_ALGORITHM) : names.stream().map(JWSAlgorithm::parse).toList()));
		this.algorithms = Map.copyOf(parsed);
		this.realKeys = Set.copyOf(realKeys);
	}

	@Override
	public ProviderKeys customize(String providerId, Supplier<ProviderKeys> keys) {
		if (this.realKeys.contains(providerId)) {
			return keys.get();
		}
		List<JWK> publicKeys = new ArrayList<>();
		signingKeys(providerId).values().forEach((key) -> publicKeys.add(key.toPublicJWK()));
		return KEYS.localKeys(new JWKSet(publicKeys));
	}

	/**
	 * Returns whether the provider keeps its configured keys, so that the test cannot
	 * sign its tokens.
	 * @param providerId the provider id
	 * @return whether the provider keeps its real keys
	 */
	public boolean hasRealKeys(String providerId) {
		return this.realKeys.contains(providerId);
	}

	/**
	 * Returns the algorithm a provider's tokens are signed with by default: its first
	 * configured algorithm, or RS256.
	 * @param providerId the provider id
	 * @return the default algorithm
	 */
	public JWSAlgorithm defaultAlgorithm(String providerId) {
		return algorithmsOf(providerId).get(0);
	}

	/**
	 * Returns the private key that signs a provider's tokens with an algorithm.
	 * @param providerId the provider id
	 * @param algorithm the algorithm
	 * @return the signing key, or {@code null} when the provider keeps its real keys or
	 * was not configured with a key type for the algorithm
	 */
	public @Nullable JWK signingKey(String providerId, JWSAlgorithm algorithm) {
		if (this.realKeys.contains(providerId)) {
			return null;
		}
		return signingKeys(providerId).get(keyType(algorithm));
	}

	/**
	 * Generates a key for an algorithm that no provider knows.
	 * @param algorithm the algorithm
	 * @param kid the key id, or {@code null}
	 * @return a new private key
	 */
	public static JWK unknownKey(JWSAlgorithm algorithm, @Nullable String kid) {
		return generate(keyType(algorithm), kid);
	}

	private List<JWSAlgorithm> algorithmsOf(String providerId) {
		List<JWSAlgorithm> algorithms = this.algorithms.get(providerId);
		Assert.state(algorithms != null, () -> "No provider '" + providerId + "'");
		return algorithms;
	}

	private Map<String, JWK> signingKeys(String providerId) {
		return this.keys.computeIfAbsent(providerId, (id) -> {
			Map<String, JWK> keys = new LinkedHashMap<>();
			for (JWSAlgorithm algorithm : algorithmsOf(id)) {
				String type = keyType(algorithm);
				keys.computeIfAbsent(type, (key) -> generate(key, id + "-test-" + key));
			}
			return Map.copyOf(keys);
		});
	}

	private static String keyType(JWSAlgorithm algorithm) {
		if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
			return "rsa";
		}
		if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
			return "hmac";
		}
		if (JWSAlgorithm.Family.EC.contains(algorithm) && !Curve.forJWSAlgorithm(algorithm).isEmpty()) {
			return Curve.forJWSAlgorithm(algorithm).iterator().next().getName().toLowerCase().replace("-", "");
		}
		throw new IllegalArgumentException("No test key for algorithm " + algorithm
				+ "; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512");
	}

	private static JWK generate(String type, @Nullable String kid) {
		try {
			return switch (type) {
				case "rsa" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
				case "hmac" -> new OctetSequenceKeyGenerator(512).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.secureRandom(new SecureRandom())
					.generate();
				default -> new ECKeyGenerator(Curve.parse(type.replace("p", "P-"))).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.generate();
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a test key of type " + type, ex);
		}
	}

}
