package io.github.jwtstarter.authserver;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * The authorization server's keys, changeable while it runs: the published set (served at
 * {@code /oauth2/jwks}, public parts only) and the one key that signs new tokens.
 * Rotation as an identity provider does it: {@link #publish} the next key,
 * {@link #signWith} it, {@link #retire} the old one.
 */
public final class RotatingJwkSource implements JWKSource<SecurityContext> {

	private volatile JWKSet published;

	private volatile String signingKeyId;

	RotatingJwkSource(JWK initial) {
		Assert.notNull(initial, "initial cannot be null");
		this.published = new JWKSet(initial);
		this.signingKeyId = initial.getKeyID();
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
		return jwkSelector.select(this.published);
	}

	/**
	 * Add a key to the published set; tokens are still signed with the current key.
	 * @param key the key, private part included
	 */
	public synchronized void publish(JWK key) {
		Assert.notNull(key, "key cannot be null");
		List<JWK> keys = new ArrayList<>(this.published.getKeys());
		keys.add(key);
		this.published = new JWKSet(keys);
	}

	/**
	 * Sign new tokens with a published key.
	 * @param keyId the key's {@code kid}
	 */
	public synchronized void signWith(String keyId) {
		Assert.notNull(this.published.getKeyByKeyId(keyId), () -> "key " + keyId + " is not published");
		this.signingKeyId = keyId;
	}

	/**
	 * Remove a key from the published set.
	 * @param keyId the key's {@code kid}; not the signing key
	 */
	public synchronized void retire(String keyId) {
		Assert.isTrue(!keyId.equals(this.signingKeyId), "the signing key cannot be retired");
		this.published = new JWKSet(
				this.published.getKeys().stream().filter((key) -> !keyId.equals(key.getKeyID())).toList());
	}

	/**
	 * Return the {@code kid} of the key that signs new tokens.
	 * @return the signing key id
	 */
	public String signingKeyId() {
		return this.signingKeyId;
	}

	/**
	 * Return the key that signs new tokens.
	 * @return the signing key, private part included
	 */
	public JWK signingKey() {
		JWK key = this.published.getKeyByKeyId(this.signingKeyId);
		Assert.state(key != null, "the signing key is not published");
		return key;
	}

	/**
	 * Pick the signing key among the candidates the encoder found.
	 * @param candidates keys matching the token's algorithm
	 * @return the signing key
	 */
	JWK select(List<JWK> candidates) {
		String keyId = this.signingKeyId;
		return candidates.stream()
			.filter((key) -> keyId.equals(key.getKeyID()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("signing key " + keyId + " is not published"));
	}

}
