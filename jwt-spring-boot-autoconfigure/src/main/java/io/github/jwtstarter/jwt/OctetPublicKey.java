package io.github.jwtstarter.jwt;

import java.security.PublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;

import org.springframework.util.Assert;

/**
 * An Ed25519 public JWK carried through Nimbus' key selection, which hands on Java keys:
 * Nimbus converts no OKP key to a Java key, and verifies Ed25519 with Google Tink from
 * the JWK itself. Created only when Tink is present
 * ({@link VerificationCrypto#supportsEdDsa()}).
 */
final class OctetPublicKey implements PublicKey {

	private static final long serialVersionUID = 1L;

	private final OctetKeyPair jwk;

	OctetPublicKey(OctetKeyPair jwk) {
		Assert.notNull(jwk, "jwk cannot be null");
		this.jwk = jwk.toPublicJWK();
	}

	JWSVerifier verifier() throws JOSEException {
		return new Ed25519Verifier(this.jwk);
	}

	@Override
	public String getAlgorithm() {
		return "EdDSA";
	}

	@Override
	public String getFormat() {
		return "JWK";
	}

	@Override
	public byte[] getEncoded() {
		return this.jwk.getDecodedX();
	}

	@Override
	public String toString() {
		return "OctetPublicKey[" + this.jwk.getCurve() + ", kid=" + this.jwk.getKeyID() + "]";
	}

}
