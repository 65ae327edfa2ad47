package io.github.jwtstarter.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.MutableClock;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DPoPProofVerifierTests {

	private static final String URL = "https://api.example/orders";

	private static final ECKey CLIENT_KEY = TestKeys.ec("client", Curve.P_256);

	private static final DPoPProofs client = DPoPProofs.withKey(CLIENT_KEY);

	private static final byte[] SECRET = "a secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

	// whole seconds, as a proof's iat: the boundaries below fall on the millisecond
	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));

	private final Jwt accessToken = Jwt.withTokenValue("header.payload.signature")
		.header("alg", "RS256")
		.claim("cnf", client.confirmation())
		.build();

	private DPoPProofVerifier verifier(long replayCacheSize) {
		return new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), replayCacheSize, this.clock);
	}

	private String proof() {
		return client.proof("GET", URL, this.accessToken.getTokenValue()).issuedAt(this.clock.instant()).sign();
	}

	private static void assertRejected(Runnable verification) {
		assertThatExceptionOfType(JwtVerificationException.class).isThrownBy(verification::run)
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(JwtFailure.INVALID_DPOP_PROOF));
	}

	@Test
	void verifyWhenProofReplayedAfterItsIdAgedOutThenRejectedByIssuedAt() {
		DPoPProofVerifier verifier = verifier(100);
		String proof = proof();
		verifier.verify("GET", URL, proof, this.accessToken);
		this.clock.advance(Duration.ofSeconds(86));
		assertRejected(() -> verifier.verify("GET", URL, proof, this.accessToken));
	}

	@Test
	void verifyWhenProofIssuedAtTheEdgeOfTheFutureIsReplayedAtTheLastMomentItPassesIatThenRejected() {
		DPoPProofVerifier verifier = verifier(100);
		String proof = client.proof("GET", URL, this.accessToken.getTokenValue())
			.issuedAt(this.clock.instant().plusSeconds(10))
			.sign();
		verifier.verify("GET", URL, proof, this.accessToken);
		// iat + max age + skew: the iat check still lets this proof pass
		this.clock.advance(Duration.ofSeconds(80));
		assertRejected(() -> verifier.verify("GET", URL, proof, this.accessToken));
	}

	@Test
	void verifyWhenProofIsWithinMaxAgeAndSkewThenAccepted() {
		DPoPProofVerifier verifier = verifier(100);
		String proof = proof();
		this.clock.advance(Duration.ofSeconds(69));
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", URL, proof, this.accessToken));
	}

	@Test
	void verifyWhenReplayCacheIsFullThenNewProofsAreRefusedUntilOldOnesAgeOut() {
		DPoPProofVerifier verifier = new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), 2, 2,
				List.of(), null, null, this.clock);
		verifier.verify("GET", URL, proof(), this.accessToken);
		verifier.verify("GET", URL, proof(), this.accessToken);
		assertRejected(() -> verifier.verify("GET", URL, proof(), this.accessToken));
		this.clock.advance(Duration.ofSeconds(85));
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", URL, proof(), this.accessToken));
	}

	@Test
	void verifyWhenOneClientKeyHoldsItsShareThenItsProofsAreRefusedAndAnothersAccepted() {
		DPoPProofVerifier verifier = verifier(20);
		verifier.verify("GET", URL, proof(), this.accessToken);
		verifier.verify("GET", URL, proof(), this.accessToken);
		assertRejected(() -> verifier.verify("GET", URL, proof(), this.accessToken));
		DPoPProofs other = DPoPProofs.withKey(TestKeys.ec("other", Curve.P_256));
		Jwt otherToken = Jwt.withTokenValue("other.token.value")
			.header("alg", "RS256")
			.claim("cnf", other.confirmation())
			.build();
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", URL,
				other.proof("GET", URL, otherToken.getTokenValue()).issuedAt(this.clock.instant()).sign(), otherToken));
	}

	@Test
	void verifyWhenPublicOriginsAreSetThenHtuMustNameOneOfThemWithTheRequestPath() {
		DPoPProofVerifier verifier = new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), 100, 10,
				List.of("https://API.example:443", "https://api.example.org/"), null, null, this.clock);
		String internal = "http://10.0.0.7:8080/orders";
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", internal,
				client.proof("GET", "https://api.example/orders", this.accessToken.getTokenValue())
					.issuedAt(this.clock.instant())
					.sign(),
				this.accessToken));
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", internal + "?page=2",
				client.proof("GET", "https://api.example.org/orders", this.accessToken.getTokenValue())
					.issuedAt(this.clock.instant())
					.sign(),
				this.accessToken));
		for (String htu : List.of(internal, "https://b.example/orders", "https://api.example/payments",
				"http://api.example/orders", "https://api.example:8443/orders")) {
			assertRejected(() -> verifier.verify("GET", internal,
					client.proof("GET", htu, this.accessToken.getTokenValue()).issuedAt(this.clock.instant()).sign(),
					this.accessToken));
		}
	}

	@Test
	void verifyWhenNoncesAreRequiredThenAProofWithoutACurrentNonceIsAnsweredWithAFreshOneAndUsesNoReplayShare() {
		DPoPNonces nonces = new DPoPNonces("corp", SECRET, Duration.ofMinutes(5), Duration.ofSeconds(10), this.clock);
		DPoPProofVerifier verifier = new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), 10, 1,
				List.of(), null, nonces, this.clock);
		String withoutNonce = proof();
		JwtVerificationException refused = catchThrowableOfType(JwtVerificationException.class,
				() -> verifier.verify("GET", URL, withoutNonce, this.accessToken));
		assertThat(refused.getFailure()).isEqualTo(JwtFailure.USE_DPOP_NONCE);
		String nonce = refused.getDPoPNonce();
		assertThat(nonce).isNotNull().hasSize(43);
		for (String wrong : List.of("", "not-a-nonce", nonce.substring(1) + "A",
				new DPoPNonces("other", SECRET, Duration.ofMinutes(5), Duration.ZERO, this.clock).issue())) {
			assertThat(catchThrowableOfType(JwtVerificationException.class,
					() -> verifier.verify("GET", URL, withNonce(wrong), this.accessToken))
				.getFailure()).isEqualTo(JwtFailure.USE_DPOP_NONCE);
		}
		// the refused proofs used none of the client's share (1): this one is accepted
		String accepted = withNonce(nonce);
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", URL, accepted, this.accessToken));
		assertRejected(() -> verifier.verify("GET", URL, accepted, this.accessToken));
	}

	@Test
	void verifyWhenAProofCarriesAnotherPropertyThenItIsStillInvalidNotANonceProblem() {
		DPoPNonces nonces = new DPoPNonces("corp", SECRET, Duration.ofMinutes(5), Duration.ofSeconds(10), this.clock);
		DPoPProofVerifier verifier = new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), 10, 1,
				List.of(), null, nonces, this.clock);
		assertRejected(() -> verifier.verify("POST", URL, withNonce(nonces.issue()), this.accessToken));
	}

	private String withNonce(String nonce) {
		return client.proof("GET", URL, this.accessToken.getTokenValue())
			.issuedAt(this.clock.instant())
			.nonce(nonce)
			.sign();
	}

	@Test
	void verifyWhenProviderSharesAStoreThenTheProofIsLeftToRecordThereUnderItsPrefix() {
		DPoPReplayStore store = (key, ttl) -> java.util.concurrent.CompletableFuture.completedFuture(true);
		DPoPProofVerifier verifier = new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(10), 100, 10,
				List.of(), new DPoPProofVerifier.SharedStore(store, "app:dpop:", Duration.ofSeconds(1)), null,
				this.clock);
		DPoPReplayCheck.Pending pending = verifier.verify("GET", URL, proof(), this.accessToken);
		assertThat(pending).isNotNull();
		assertThat(pending.store()).isSameAs(store);
		assertThat(pending.key()).startsWith("app:dpop:").hasSize("app:dpop:".length() + 43);
		assertThat(pending.ttl()).isEqualTo(Duration.ofSeconds(80).plus(DPoPReplayCache.MARGIN));
		assertThat(pending.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(verifier(100).verify("GET", URL, proof(), this.accessToken)).isNull();
	}

	@Test
	void verifyWhenSameJtiFromAnotherKeyThenBothAccepted() {
		DPoPProofVerifier verifier = verifier(100);
		DPoPProofs other = DPoPProofs.withKey(TestKeys.ec("other", Curve.P_256));
		Jwt otherToken = Jwt.withTokenValue("other.token.value")
			.header("alg", "RS256")
			.claim("cnf", other.confirmation())
			.build();
		verifier.verify("GET", URL, client.proof("GET", URL, this.accessToken.getTokenValue()).jti("same").sign(),
				this.accessToken);
		assertThatNoException().isThrownBy(() -> verifier.verify("GET", URL,
				other.proof("GET", URL, otherToken.getTokenValue()).jti("same").sign(), otherToken));
	}

	@Test
	void verifyWhenProofIsUnsignedOrSymmetricallySignedThenRejected() {
		DPoPProofVerifier verifier = verifier(100);
		String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"%s\",\"jwk\":" + CLIENT_KEY.toPublicJWK().toJSONString() + "}";
		String claims = "{\"jti\":\"x\",\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":"
				+ this.clock.instant().getEpochSecond() + ",\"ath\":\""
				+ DPoPProofs.hash(this.accessToken.getTokenValue()) + "\"}";
		String none = encode(header.formatted("none")) + "." + encode(claims) + ".";
		String hmac = encode(header.formatted("HS256")) + "." + encode(claims) + ".c2lnbmF0dXJl";
		assertRejected(() -> verifier.verify("GET", URL, none, this.accessToken));
		assertRejected(() -> verifier.verify("GET", URL, hmac, this.accessToken));
	}

	@Test
	void verifyWhenMethodIsNotAnHttpMethodOrProofTooLargeThenRejected() {
		DPoPProofVerifier verifier = verifier(100);
		assertRejected(() -> verifier.verify("PROPFIND", URL, proof(), this.accessToken));
		assertRejected(() -> verifier.verify("GET", URL, "a".repeat(DPoPProofVerifier.MAX_PROOF_LENGTH + 1),
				this.accessToken));
		assertRejected(() -> verifier.verify("GET", URL, null, this.accessToken));
	}

	@Test
	void verifyWhenAccessTokenIsNotBoundThenRejected() {
		Jwt unbound = Jwt.withTokenValue(this.accessToken.getTokenValue())
			.header("alg", "RS256")
			.claim("sub", "a")
			.build();
		assertRejected(() -> verifier(100).verify("GET", URL, proof(), unbound));
	}

	@Test
	void constructorWhenArgumentsInvalidThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DPoPProofVerifier(Duration.ZERO, Duration.ZERO, 1, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DPoPProofVerifier(Duration.ofSeconds(1), Duration.ofSeconds(-1), 1, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DPoPProofVerifier(Duration.ofSeconds(1), Duration.ZERO, 0, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DPoPProofVerifier(Duration.ofSeconds(1), Duration.ZERO, 1, null));
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
