package io.github.jwtstarter.test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Generates real signing keys for tests and renders them the way a user would configure
 * them ({@code jwks.local} as a JWK Set or PEM).
 * <p>
 * Keys are fresh on every call. RSA sizes under 2048 bits and short HMAC secrets are
 * allowed on purpose, so tests can check that the starter refuses them.
 */
public final class TestKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestKeys() {
	}

	/**
	 * Return a new 2048-bit RSA key pair with the given {@code kid} and {@code use=sig}.
	 * @param kid the key id
	 * @return the key, private parts included
	 */
	public static RSAKey rsa(String kid) {
		return rsa(kid, 2048);
	}

	/**
	 * Return a new RSA key pair of the given size with the given {@code kid} and
	 * {@code use=sig}.
	 * @param kid the key id
	 * @param bits the modulus size; sizes under 2048 are allowed for negative tests
	 * @return the key, private parts included
	 */
	public static RSAKey rsa(String kid, int bits) {
		try {
			return new RSAKeyGenerator(bits, true).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a new EC key pair on the given curve with the given {@code kid} and
	 * {@code use=sig}.
	 * @param kid the key id
	 * @param curve the curve, e.g. {@link Curve#P_256}
	 * @return the key, private parts included
	 */
	public static ECKey ec(String kid, Curve curve) {
		try {
			return new ECKeyGenerator(curve).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a new Ed25519 key pair with the given {@code kid} and {@code use=sig};
	 * Nimbus generates it with Google Tink, which must be on the class path.
	 * @param kid the key id
	 * @return the key, private parts included
	 */
	public static OctetKeyPair ed25519(String kid) {
		try {
			return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a new random HMAC secret with the given {@code kid} and {@code use=sig}.
	 * @param kid the key id
	 * @param bytes the secret length in bytes; any positive length, short ones for
	 * negative tests
	 * @return the secret key
	 */
	public static OctetSequenceKey hmac(String kid, int bytes) {
		byte[] secret = new byte[bytes];
		RANDOM.nextBytes(secret);
		return new OctetSequenceKey.Builder(secret).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
	}

	/**
	 * Return the JSON of a JWK Set holding the public parts of the given keys. Symmetric
	 * keys have no public part and are left out.
	 * @param keys the keys
	 * @return a {@code {"keys":[...]}} document
	 */
	public static String toPublicJwkSetJson(JWK... keys) {
		return new JWKSet(List.of(keys)).toString(true);
	}

	/**
	 * Return the public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
	 * SubjectPublicKeyInfo, 64-character lines).
	 * @param key the key
	 * @return the PEM text, ending with a line break
	 */
	public static String toPem(RSAKey key) {
		try {
			return toPem(key.toPublicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
	 * SubjectPublicKeyInfo, 64-character lines).
	 * @param key the key
	 * @return the PEM text, ending with a line break
	 */
	public static String toPem(ECKey key) {
		try {
			return toPem(key.toPublicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a self-signed X.509 certificate (SHA256withRSA, valid for one day) for the
	 * public key, signed with the private key. Used for {@code x5c} headers and
	 * certificate PEM input.
	 * @param key an RSA key with its private part
	 * @return the certificate
	 */
	public static X509Certificate selfSignedCertificate(RSAKey key) {
		try {
			KeyPair pair = key.toKeyPair();
			byte[] sha256WithRsa = Der.sequence(Der.oid(1, 2, 840, 113549, 1, 1, 11), Der.NULL);
			byte[] name = Der
				.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 3), Der.utf8String("test " + key.getKeyID()))));
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			byte[] validity = Der.sequence(Der.utcTime(now.minus(1, ChronoUnit.HOURS)),
					Der.utcTime(now.plus(1, ChronoUnit.DAYS)));
			byte[] tbs = Der.sequence(Der.explicit(0, Der.integer(BigInteger.TWO)),
					Der.integer(new BigInteger(63, RANDOM)), sha256WithRsa, name, validity, name,
					pair.getPublic().getEncoded());
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(pair.getPrivate());
			signature.update(tbs);
			byte[] der = Der.sequence(tbs, sha256WithRsa, Der.bitString(signature.sign()));
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the certificate as PEM ({@code -----BEGIN CERTIFICATE-----}).
	 * @param certificate the certificate
	 * @return the PEM text, ending with a line break
	 */
	public static String toPem(X509Certificate certificate) {
		try {
			return pem("CERTIFICATE", certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String toPem(PublicKey key) {
		return pem("PUBLIC KEY", key.getEncoded());
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	/**
	 * Just enough DER to write a self-signed certificate.
	 */
	static final class Der {

		static final byte[] NULL = { 0x05, 0x00 };

		private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
			.withZone(ZoneOffset.UTC);

		static byte[] sequence(byte[]... elements) {
			return tlv(0x30, concat(elements));
		}

		static byte[] set(byte[]... elements) {
			return tlv(0x31, concat(elements));
		}

		static byte[] explicit(int tag, byte[] element) {
			return tlv(0xA0 | tag, element);
		}

		static byte[] integer(BigInteger value) {
			return tlv(0x02, value.toByteArray());
		}

		static byte[] bitString(byte[] bits) {
			return tlv(0x03, concat(new byte[] { 0 }, bits));
		}

		static byte[] utf8String(String value) {
			return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
		}

		static byte[] utcTime(Instant instant) {
			return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
		}

		static byte[] oid(int... arcs) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(arcs[0] * 40 + arcs[1]);
			for (int arc : Arrays.copyOfRange(arcs, 2, arcs.length)) {
				int shift = 28;
				while (shift > 0 && (arc >>> shift) == 0) {
					shift -= 7;
				}
				for (; shift > 0; shift -= 7) {
					out.write(0x80 | ((arc >>> shift) & 0x7F));
				}
				out.write(arc & 0x7F);
			}
			return tlv(0x06, out.toByteArray());
		}

		static byte[] tlv(int tag, byte[] value) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(tag);
			int length = value.length;
			if (length < 0x80) {
				out.write(length);
			}
			else {
				byte[] bytes = BigInteger.valueOf(length).toByteArray();
				int offset = (bytes[0] == 0) ? 1 : 0;
				out.write(0x80 | (bytes.length - offset));
				out.write(bytes, offset, bytes.length - offset);
			}
			out.writeBytes(value);
			return out.toByteArray();
		}

		private static byte[] concat(byte[]... parts) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (byte[] part : parts) {
				out.writeBytes(part);
			}
			return out.toByteArray();
		}

	}

}
