package io.github.jwtstarter.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Mints DPoP proofs (RFC 9449 section 4.2) as a client holding an EC P-256 key would, and
 * the {@code cnf} claim that binds an access token to that key. <pre class="code">
 * DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));
 * String token = TestJwts.issuer(issuer).claim("cnf", client.confirmation()).signWith(idpKey);
 * String proof = client.proof("GET", "http://127.0.0.1:8080/api", token).sign();
 * </pre> Each proof gets a fresh {@code jti}, {@code iat} now, {@code typ: dpop+jwt} and
 * the public key in {@code jwk}; the builder methods change one part for negative tests.
 */
public final class DPoPProofs {

	private final ECKey key;

	private DPoPProofs(ECKey key) {
		this.key = key;
	}

	/**
	 * A client holding the given key.
	 * @param key an EC P-256 key with its private part
	 * @return the client
	 */
	public static DPoPProofs withKey(ECKey key) {
		return new DPoPProofs(key);
	}

	/**
	 * Returns the RFC 7638 thumbprint of the client's key, the value of {@code cnf.jkt}.
	 * @return the thumbprint
	 */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the {@code cnf} claim that binds a token to the client's key.
	 * @return the claim value
	 */
	public Map<String, Object> confirmation() {
		return Map.of("jkt", thumbprint());
	}

	/**
	 * Starts a proof for a request.
	 * @param method the request method
	 * @param url the request URL
	 * @param accessToken the access token sent with it
	 * @return a proof builder
	 */
	public Proof proof(String method, String url, String accessToken) {
		return new Proof(method, url, hash(accessToken));
	}

	/**
	 * Returns base64url(SHA-256(value)), the {@code ath} of an access token.
	 * @param value the access token
	 * @return the hash
	 */
	public static String hash(String value) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One proof, with defaults that a server accepts.
	 */
	public final class Proof {

		private String method;

		private String url;

		private @Nullable String ath;

		private String jti = UUID.randomUUID().toString();

		private @Nullable Instant issuedAt = Instant.now();

		private JOSEObjectType type = new JOSEObjectType("dpop+jwt");

		private @Nullable String nonce;

		private JWK headerKey = DPoPProofs.this.key.toPublicJWK();

		private ECKey signingKey = DPoPProofs.this.key;

		private Proof(String method, String url, String ath) {
			this.method = method;
			this.url = url;
			this.ath = ath;
		}

		public Proof ath(@Nullable String ath) {
			this.ath = ath;
			return this;
		}

		public Proof jti(String jti) {
			this.jti = jti;
			return this;
		}

		public Proof issuedAt(@Nullable Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		/**
		 * Carries a server-provided nonce (RFC 9449 section 8), as a client does after a
		 * {@code use_dpop_nonce} answer.
		 * @param nonce the {@code DPoP-Nonce} the server sent
		 * @return this builder
		 */
		public Proof nonce(@Nullable String nonce) {
			this.nonce = nonce;
			return this;
		}

		public Proof type(String type) {
			this.type = new JOSEObjectType(type);
			return this;
		}

		/**
		 * Signs with another key, announced in {@code jwk}: a proof by someone who does
		 * not hold the token's key.
		 * @param other the other key
		 * @return this builder
		 */
		public Proof signedBy(ECKey other) {
			this.signingKey = other;
			this.headerKey = other.toPublicJWK();
			return this;
		}

		public String sign() {
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(this.type).jwk(this.headerKey).build();
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(this.jti)
				.claim("htm", this.method)
				.claim("htu", this.url);
			if (this.issuedAt != null) {
				claims.issueTime(Date.from(this.issuedAt));
			}
			if (this.ath != null) {
				claims.claim("ath", this.ath);
			}
			if (this.nonce != null) {
				claims.claim("nonce", this.nonce);
			}
			SignedJWT proof = new SignedJWT(header, claims.build());
			try {
				proof.sign(new ECDSASigner(this.signingKey));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return proof.serialize();
		}

	}

}
