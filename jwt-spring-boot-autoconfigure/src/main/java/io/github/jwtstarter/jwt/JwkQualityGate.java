package io.github.jwtstarter.jwt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The key quality gate: refuses RSA keys under 2048 or over 8192 bits or with a public
 * exponent of more than 32 bits (both only make verification expensive), HMAC secrets
 * shorter than 256 bits, EC keys off P-256/384/521, OKP keys other than Ed25519 (and
 * Ed25519 keys when Google Tink, which Nimbus verifies EdDSA with, is absent), keys whose
 * {@code use} or {@code key_ops} forbid verification, and keys sharing a {@code kid}.
 * Local keys that fail it fail startup; remote keys that fail it are skipped with a
 * warning.
 */
final class JwkQualityGate {

	private static final int MIN_RSA_BITS = 2048;

	private static final int MAX_RSA_BITS = 8192;

	private static final int MAX_RSA_EXPONENT_BITS = 32;

	private static final int MIN_HMAC_BITS = 256;

	private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

	private static final Set<Curve> OKP_SIGNATURE_CURVES = Set.of(Curve.Ed25519, Curve.Ed448);

	private static final boolean TINK_PRESENT = VerificationCrypto.jdk().supportsEdDsa();

	private JwkQualityGate() {
	}

	/**
	 * Returns the problems of every key of the set, one line each; empty when all keys
	 * pass.
	 * @param jwkSet the keys to check
	 * @return the problems found, each naming the key by position and {@code kid}
	 */
	static List<String> problems(JWKSet jwkSet) {
		return problems(jwkSet, TINK_PRESENT);
	}

	/**
	 * Returns the problems of every key of the set, one line each; empty when all keys
	 * pass.
	 * @param jwkSet the keys to check
	 * @param edDsa whether Ed25519 keys can be verified (Google Tink is present)
	 * @return the problems found, each naming the key by position and {@code kid}
	 */
	static List<String> problems(JWKSet jwkSet, boolean edDsa) {
		List<String> problems = new ArrayList<>();
		Map<String, Integer> kids = new HashMap<>();
		List<JWK> keys = jwkSet.getKeys();
		for (int i = 0; i < keys.size(); i++) {
			JWK key = keys.get(i);
			String problem = problem(key, edDsa);
			if (problem != null) {
				problems.add(describe(i, key) + ": " + problem);
			}
			if (key.getKeyID() != null && kids.merge(key.getKeyID(), 1, Integer::sum) == 2) {
				problems.add(describe(i, key) + ": duplicate kid");
			}
		}
		return problems;
	}

	/**
	 * Returns the keys of the set that pass the gate; keys sharing a {@code kid} are all
	 * dropped, since which one is meant cannot be told.
	 * @param jwkSet the keys to filter
	 * @param rejected receives one line per dropped key
	 * @return the usable public keys
	 */
	static JWKSet usable(JWKSet jwkSet, List<String> rejected) {
		return usable(jwkSet, rejected, TINK_PRESENT);
	}

	/**
	 * Returns the keys of the set that pass the gate; keys sharing a {@code kid} are all
	 * dropped, since which one is meant cannot be told.
	 * @param jwkSet the keys to filter
	 * @param rejected receives one line per dropped key
	 * @param edDsa whether Ed25519 keys can be verified (Google Tink is present)
	 * @return the usable public keys
	 */
	static JWKSet usable(JWKSet jwkSet, List<String> rejected, boolean edDsa) {
		Map<String, Integer> kids = new HashMap<>();
		for (JWK key : jwkSet.getKeys()) {
			if (key.getKeyID() != null) {
				kids.merge(key.getKeyID(), 1, Integer::sum);
			}
		}
		List<JWK> usable = new ArrayList<>();
		List<JWK> keys = jwkSet.getKeys();
		for (int i = 0; i < keys.size(); i++) {
			JWK key = keys.get(i);
			String problem = problem(key, edDsa);
			if (problem == null && key.getKeyID() != null && kids.get(key.getKeyID()) > 1) {
				problem = "duplicate kid";
			}
			if (problem == null && key instanceof OctetSequenceKey) {
				problem = "symmetric key in a remote key set";
			}
			if (problem != null) {
				rejected.add(describe(i, key) + ": " + problem);
			}
			else {
				usable.add(key.isPrivate() ? key.toPublicJWK() : key);
			}
		}
		return new JWKSet(usable);
	}

	static String describe(int index, JWK key) {
		return "key #" + index + ((key.getKeyID() != null) ? " (kid " + key.getKeyID() + ")" : "");
	}

	static String problem(JWK key, boolean edDsa) {
		if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
			return "use '" + key.getKeyUse().identifier() + "' forbids signature verification";
		}
		if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
			return "key_ops does not allow 'verify'";
		}
		if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
			return "RSA key of " + rsa.size() + " bits, at least " + MIN_RSA_BITS + " required";
		}
		if (key instanceof RSAKey rsa && rsa.size() > MAX_RSA_BITS) {
			return "RSA key of " + rsa.size() + " bits, at most " + MAX_RSA_BITS + " accepted";
		}
		if (key instanceof RSAKey rsa
				&& rsa.getPublicExponent().decodeToBigInteger().bitLength() > MAX_RSA_EXPONENT_BITS) {
			return "RSA public exponent of more than " + MAX_RSA_EXPONENT_BITS + " bits, use 65537";
		}
		if (key instanceof ECKey ec && !EC_CURVES.contains(ec.getCurve())) {
			return "EC curve " + ec.getCurve() + " not allowed, use P-256, P-384 or P-521";
		}
		if (key instanceof OctetKeyPair okp && !OKP_SIGNATURE_CURVES.contains(okp.getCurve())) {
			return "OKP curve " + okp.getCurve() + " is not a signature curve";
		}
		if (key instanceof OctetKeyPair okp && !Curve.Ed25519.equals(okp.getCurve())) {
			return "OKP curve " + okp.getCurve() + " cannot be verified, use Ed25519";
		}
		if (key instanceof OctetKeyPair && !edDsa) {
			return "Ed25519 keys need Google Tink on the class path to verify EdDSA signatures; add the dependency "
					+ VerificationCrypto.TINK_DEPENDENCY;
		}
		if (key instanceof OctetSequenceKey oct && oct.size() < MIN_HMAC_BITS) {
			return "HMAC secret of " + oct.size() + " bits, at least " + MIN_HMAC_BITS + " required";
		}
		return null;
	}

}
