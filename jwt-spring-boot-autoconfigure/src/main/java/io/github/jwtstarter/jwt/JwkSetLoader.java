package io.github.jwtstarter.jwt;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Reads a local key source: a JWK Set, a single JWK, or one or more PEM public keys (RSA
 * or EC, {@code BEGIN PUBLIC KEY}, or X.509 certificates).
 */
final class JwkSetLoader {

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

	private JwkSetLoader() {
	}

	/**
	 * Parses the given text.
	 * @param text a JWK Set, a JWK or PEM
	 * @return the keys, public parts only
	 * @throws IllegalArgumentException with a message that names what is wrong, never the
	 * key material
	 */
	static JWKSet parse(String text) {
		String trimmed = text.strip();
		if (trimmed.startsWith("{")) {
			return parseJson(trimmed);
		}
		if (trimmed.contains("-----BEGIN")) {
			return parsePem(trimmed);
		}
		throw new IllegalArgumentException("not a JWK Set, a JWK or a PEM public key");
	}

	private static JWKSet parseJson(String json) {
		try {
			if (json.contains("\"keys\"")) {
				return publicOnly(JWKSet.parse(json));
			}
			return publicOnly(new JWKSet(JWK.parse(json)));
		}
		catch (ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("malformed JWK or JWK Set", ex);
		}
	}

	static JWKSet publicOnly(JWKSet set) {
		List<JWK> keys = new ArrayList<>();
		for (JWK key : set.getKeys()) {
			keys.add((key.isPrivate() && !(key.toPublicJWK() == null)) ? key.toPublicJWK() : key);
		}
		return new JWKSet(keys);
	}

	private static JWKSet parsePem(String pem) {
		List<JWK> keys = new ArrayList<>();
		Matcher matcher = PEM.matcher(pem);
		while (matcher.find()) {
			String type = matcher.group(1);
			byte[] der;
			try {
				der = Base64.getMimeDecoder().decode(matcher.group(2));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("malformed PEM block '" + type + "'", ex);
			}
			keys.add(switch (type) {
				case "PUBLIC KEY" -> toJwk(publicKey(der));
				case "CERTIFICATE" -> certificateKey(pem.substring(matcher.start(), matcher.end()));
				default -> throw new IllegalArgumentException(
						"PEM block '" + type + "' is not a public key; use 'PUBLIC KEY' or 'CERTIFICATE'");
			});
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("no PEM public key found");
		}
		return new JWKSet(keys);
	}

	private static PublicKey publicKey(byte[] der) {
		for (String algorithm : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (Exception ex) {
				// try the next algorithm
			}
		}
		throw new IllegalArgumentException("PEM public key is neither RSA nor EC");
	}

	private static JWK certificateKey(String pem) {
		try {
			return JWK.parseFromPEMEncodedX509Cert(pem).toPublicJWK();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("malformed PEM certificate", ex);
		}
	}

	private static JWK toJwk(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return new RSAKey.Builder(rsa).build();
		}
		if (key instanceof ECPublicKey ec) {
			try {
				return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
			}
			catch (Exception ex) {
				throw new IllegalArgumentException("EC public key on an unsupported curve", ex);
			}
		}
		throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
	}

}
