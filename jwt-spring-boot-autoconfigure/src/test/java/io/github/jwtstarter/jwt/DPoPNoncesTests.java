package io.github.jwtstarter.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.github.jwtstarter.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DPoPNoncesTests {

	private static final byte[] SECRET = "a secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));

	private DPoPNonces nonces(String provider, byte[] secret) {
		return new DPoPNonces(provider, secret, Duration.ofMinutes(5), Duration.ofSeconds(10), this.clock);
	}

	@Test
	void acceptsWhenAnotherReplicaWithTheSameSecretIssuedTheNonceThenAccepted() {
		String nonce = nonces("corp", SECRET).issue();
		assertThat(nonce).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(nonces("corp", SECRET.clone()).accepts(nonce)).isTrue();
	}

	@Test
	void acceptsWhenTheNonceIsAnotherSecretsOrAnotherProvidersThenRefused() {
		String nonce = nonces("corp", SECRET).issue();
		byte[] other = "another secret, also thirty-two bytes".getBytes(StandardCharsets.UTF_8);
		assertThat(nonces("corp", other).accepts(nonce)).isFalse();
		assertThat(nonces("partner", SECRET).accepts(nonce)).isFalse();
	}

	@Test
	void acceptsWhenTheNonceOutlivedItsLifetimeAndSkewThenRefused() {
		DPoPNonces nonces = nonces("corp", SECRET);
		String nonce = nonces.issue();
		this.clock.advance(Duration.ofSeconds(310));
		assertThat(nonces.accepts(nonce)).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(nonces.accepts(nonce)).isFalse();
	}

	@Test
	void acceptsWhenTheNonceIsIssuedBeyondTheSkewInTheFutureThenRefused() {
		DPoPNonces nonces = nonces("corp", SECRET);
		this.clock.advance(Duration.ofSeconds(11));
		String early = nonces.issue();
		this.clock.advance(Duration.ofSeconds(-11));
		assertThat(nonces.accepts(early)).isFalse();
	}

	@Test
	void acceptsWhenTheNonceIsTamperedOrMalformedThenRefused() {
		DPoPNonces nonces = nonces("corp", SECRET);
		String nonce = nonces.issue();
		// a character of the MAC (the last one also holds two unused bits)
		String tampered = nonce.substring(0, 30) + ((nonce.charAt(30) == 'A') ? 'g' : 'A') + nonce.substring(31);
		assertThat(nonces.accepts(tampered)).isFalse();
		assertThat(nonces.accepts(null)).isFalse();
		assertThat(nonces.accepts("")).isFalse();
		assertThat(nonces.accepts(nonce + "A")).isFalse();
		assertThat(nonces.accepts("!".repeat(43))).isFalse();
	}

	@Test
	void createWhenTheSecretIsShorterThan32BytesThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> nonces("corp", "thirty-one bytes are too short!".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("32 bytes");
	}

}
