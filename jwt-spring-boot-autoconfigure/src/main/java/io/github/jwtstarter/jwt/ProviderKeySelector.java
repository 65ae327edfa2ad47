package io.github.jwtstarter.jwt;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * Selects a provider's verification keys for a JWS header: only the allowed algorithms,
 * only keys of the provider's own source, never a key named by the token ({@code jku},
 * {@code x5u}, {@code jwk}, {@code x5c} are ignored). For local keys, a key without
 * {@code kid} (a PEM key) also matches a token that names a {@code kid}. No key is
 * returned for a disallowed algorithm, which Nimbus rejects like a bad signature. A token
 * without {@code kid} is tried against at most {@value #MAX_KEYS_WITHOUT_KID} keys.
 * <p>
 * Each JWK is converted to a Java key once: the conversion (Base64 decoding, a
 * {@code KeyFactory}) costs about a seventh of an RS256 verification. The conversions are
 * kept by JWK value, so a refreshed key set reuses those of its unchanged keys; there are
 * at most {@value #MAX_CONVERTED_KEYS}, and the keys come only from the provider's own
 * source, never from a token. With Amazon Corretto Crypto Provider, keys are converted to
 * its own key type here too; an Ed25519 key is handed on as an {@link OctetPublicKey}
 * when Google Tink is present.
 */
final class ProviderKeySelector implements JWSKeySelector<SecurityContext> {

	static final int MAX_CONVERTED_KEYS = 64;

	/**
	 * Most keys tried for a token without {@code kid}: the first ones of the set that fit
	 * its algorithm, so that a large key set does not multiply the work of a forged
	 * token.
	 */
	static final int MAX_KEYS_WITHOUT_KID = 4;

	private final Set<JWSAlgorithm> algorithms;

	private final JWKSource<SecurityContext> source;

	private final boolean kidlessFallback;

	private final VerificationCrypto crypto;

	private final Map<JWK, List<Key>> convertedKeys = new ConcurrentHashMap<>();

	ProviderKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source, boolean kidlessFallback) {
		this(algorithms, source, kidlessFallback, VerificationCrypto.jdk());
	}

	ProviderKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source, boolean kidlessFallback,
			VerificationCrypto crypto) {
		Assert.notEmpty(algorithms, "algorithms cannot be empty");
		Assert.notNull(source, "source cannot be null");
		Assert.notNull(crypto, "crypto cannot be null");
		this.algorithms = Set.copyOf(algorithms);
		this.source = source;
		this.kidlessFallback = kidlessFallback;
		this.crypto = crypto;
	}

	Set<JWSAlgorithm> algorithms() {
		return this.algorithms;
	}

	@Override
	public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!this.algorithms.contains(header.getAlgorithm())) {
			return List.of();
		}
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		if (matcher == null) {
			return List.of();
		}
		List<JWK> keys = this.source.get(new JWKSelector(matcher), context);
		if (keys.isEmpty() && this.kidlessFallback && header.getKeyID() != null) {
			JWKMatcher anyKid = new JWKMatcher.Builder(matcher).keyID(null).withKeyIDOnly(false).build();
			keys = new ArrayList<>();
			for (JWK key : this.source.get(new JWKSelector(anyKid), context)) {
				if (key.getKeyID() == null) {
					keys.add(key);
				}
			}
		}
		if (keys.size() == 1) {
			return javaKeys(keys.get(0));
		}
		if (header.getKeyID() == null && keys.size() > MAX_KEYS_WITHOUT_KID) {
			keys = keys.subList(0, MAX_KEYS_WITHOUT_KID);
		}
		List<Key> javaKeys = new ArrayList<>();
		for (JWK key : keys) {
			javaKeys.addAll(javaKeys(key));
		}
		return javaKeys;
	}

	private List<Key> javaKeys(JWK jwk) {
		List<Key> converted = this.convertedKeys.get(jwk);
		if (converted == null) {
			List<Key> publicKeys = new ArrayList<>();
			if (jwk instanceof OctetKeyPair okp) {
				if (this.crypto.supportsEdDsa() && Curve.Ed25519.equals(okp.getCurve())) {
					publicKeys.add(new OctetPublicKey(okp));
				}
			}
			for (Key key : KeyConverter.toJavaKeys(List.of(jwk))) {
				if (!(key instanceof java.security.PrivateKey)) {
					publicKeys.add(this.crypto.prepare(key));
				}
			}
			converted = List.copyOf(publicKeys);
			if (this.convertedKeys.size() >= MAX_CONVERTED_KEYS) {
				this.convertedKeys.clear();
			}
			this.convertedKeys.put(jwk, converted);
		}
		return converted;
	}

}
