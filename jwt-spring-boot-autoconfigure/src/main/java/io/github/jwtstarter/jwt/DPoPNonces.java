package io.github.jwtstarter.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Server-provided DPoP nonces (RFC 9449 section 8) that need no state: a nonce is the
 * second it was issued at and an HMAC-SHA256 of that second under a secret that every
 * replica of the application shares, so any replica accepts a nonce another one issued,
 * for as long as the nonce's lifetime (with the provider's clock skew). The MAC also
 * covers the provider's id, so a nonce of one provider is not one of another that shares
 * the secret. Nonces are 43 characters of base64url.
 */
final class DPoPNonces {

	/**
	 * The least secret length, in bytes: HMAC-SHA256's output size.
	 */
	static final int MIN_SECRET_LENGTH = 32;

	private static final int MAC_LENGTH = 24;

	private static final int NONCE_LENGTH = Long.BYTES + MAC_LENGTH;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final byte[] context;

	private final long lifetimeSeconds;

	private final long skewSeconds;

	private final Clock clock;

	/**
	 * Creates the nonces of one provider.
	 * @param providerId the provider's id
	 * @param secret the secret shared by every replica, at least 32 bytes
	 * @param lifetime how long a nonce is accepted after it was issued
	 * @param clockSkew leeway either side
	 * @param clock the clock
	 */
	DPoPNonces(String providerId, byte[] secret, Duration lifetime, Duration clockSkew, Clock clock) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.isTrue(secret != null && secret.length >= MIN_SECRET_LENGTH,
				"secret must be at least " + MIN_SECRET_LENGTH + " bytes");
		Assert.isTrue(lifetime != null && lifetime.getSeconds() > 0, "lifetime must be at least one second");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "clockSkew must not be negative");
		Assert.notNull(clock, "clock cannot be null");
		this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
		this.context = ("dpop-nonce\n" + providerId + "\n").getBytes(StandardCharsets.UTF_8);
		this.lifetimeSeconds = lifetime.getSeconds();
		this.skewSeconds = clockSkew.getSeconds();
		this.clock = clock;
	}

	/**
	 * Issues a nonce for now.
	 * @return the nonce
	 */
	String issue() {
		long issuedAt = this.clock.instant().getEpochSecond();
		ByteBuffer nonce = ByteBuffer.allocate(NONCE_LENGTH).putLong(issuedAt).put(mac(issuedAt));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
	}

	/**
	 * Returns whether a proof's {@code nonce} claim is a nonce this provider issued (here
	 * or on another replica) and still accepts.
	 * @param nonce the claim, {@code null} when the proof has none
	 * @return whether it is accepted
	 */
	boolean accepts(@Nullable String nonce) {
		if (nonce == null || nonce.length() != 43) {
			return false;
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		ByteBuffer buffer = ByteBuffer.wrap(decoded);
		long issuedAt = buffer.getLong();
		long now = this.clock.instant().getEpochSecond();
		if (issuedAt > now + this.skewSeconds || issuedAt < now - this.lifetimeSeconds - this.skewSeconds) {
			return false;
		}
		byte[] mac = Arrays.copyOfRange(decoded, Long.BYTES, NONCE_LENGTH);
		return MessageDigest.isEqual(mac, mac(issuedAt));
	}

	private byte[] mac(long issuedAt) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(this.context);
			mac.update(ByteBuffer.allocate(Long.BYTES).putLong(issuedAt).array());
			return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "DPoPNonces[lifetime=" + this.lifetimeSeconds + "s]";
	}

}
