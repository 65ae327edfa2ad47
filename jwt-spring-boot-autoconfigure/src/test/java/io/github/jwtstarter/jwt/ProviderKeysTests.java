package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The algorithms a provider accepts when none is configured, and the one list of
 * algorithms the starter supports.
 */
class ProviderKeysTests {

	@Test
	void supportedAlgorithmsAreNimbusFamiliesWithoutWhatTheKeyGateRefuses() {
		assertThat(ProviderKeys.SUPPORTED_ALGORITHMS).containsExactly(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
				JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
				JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512,
				JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
	}

	@Test
	void remoteKeysDefaultToEveryAsymmetricAlgorithm() throws IOException {
		URL jwks = URI.create("http://127.0.0.1:9/jwks.json").toURL();
		ProviderKeys.RemoteSettings settings = new ProviderKeys.RemoteSettings(Duration.ofMinutes(5),
				Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
				DataSize.ofKilobytes(64));
		try (ProviderKeys keys = ProviderKeys.remote("corp", jwks, "https://corp.example", settings, (event) -> {
		}, Clock.systemUTC())) {
			assertThat(keys.defaultAlgorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
					JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
					JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
		}
	}

	@Test
	void localRsaKeyWithoutAlgAllowsRsaAndRsaPss() {
		ProviderKeys keys = ProviderKeys.local(new JWKSet(TestKeys.rsa("k").toPublicJWK()));
		assertThat(keys.defaultAlgorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
				JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
	}

	@Test
	void localEcKeyWithoutAlgAllowsTheAlgorithmOfItsCurve() {
		ProviderKeys keys = ProviderKeys.local(new JWKSet(TestKeys.ec("k", Curve.P_384).toPublicJWK()));
		assertThat(keys.defaultAlgorithms()).containsExactly(JWSAlgorithm.ES384);
	}

}
