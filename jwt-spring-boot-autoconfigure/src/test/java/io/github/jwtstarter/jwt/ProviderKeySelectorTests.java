package io.github.jwtstarter.jwt;

import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderKeySelectorTests {

	static final JWSHeader RS256_KID_1 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kid-1").build();

	static List<Key> selected(ProviderKeySelector selector) throws KeySourceException {
		return selected(selector, RS256_KID_1);
	}

	static List<Key> selected(ProviderKeySelector selector, JWSHeader header) throws KeySourceException {
		return List.copyOf(selector.selectJWSKeys(header, null));
	}

	@Test
	void selectsThePublicKeyOfTheMatchingJwkOnly() throws Exception {
		RSAKey key = TestKeys.rsa("kid-1");
		ProviderKeySelector selector = new ProviderKeySelector(Set.of(JWSAlgorithm.RS256),
				new ImmutableJWKSet<>(new JWKSet(List.of(key, TestKeys.rsa("kid-2")))), true);
		assertThat(selected(selector)).containsExactly(key.toRSAPublicKey());
		assertThat(selected(selector)).containsExactly(key.toRSAPublicKey());
	}

	@Test
	void rotatedKeyWithTheSameKidIsUsedAtOnce() throws Exception {
		RSAKey before = TestKeys.rsa("kid-1");
		RSAKey after = TestKeys.rsa("kid-1");
		AtomicReference<JWKSet> current = new AtomicReference<>(new JWKSet(before));
		JWKSource<SecurityContext> source = (selector, context) -> selector.select(current.get());
		ProviderKeySelector selector = new ProviderKeySelector(Set.of(JWSAlgorithm.RS256), source, false);
		assertThat(selected(selector)).containsExactly(before.toRSAPublicKey());
		current.set(new JWKSet(after));
		assertThat(selected(selector)).containsExactly(after.toRSAPublicKey());
	}

	@Test
	void privateKeyPartsAreNeverReturned() throws Exception {
		RSAKey withPrivateParts = TestKeys.rsa("kid-1");
		ProviderKeySelector selector = new ProviderKeySelector(Set.of(JWSAlgorithm.RS256),
				new ImmutableJWKSet<>(new JWKSet(withPrivateParts)), true);
		assertThat(selected(selector)).containsExactly(withPrivateParts.toRSAPublicKey());
	}

	@Test
	void manyKeySetsOverTimeKeepEachSelectionCorrect() throws Exception {
		JWSHeader es256 = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("kid-1").build();
		AtomicReference<JWKSet> current = new AtomicReference<>();
		JWKSource<SecurityContext> source = (selector, context) -> selector.select(current.get());
		ProviderKeySelector selector = new ProviderKeySelector(Set.of(JWSAlgorithm.ES256), source, false);
		for (int i = 0; i < ProviderKeySelector.MAX_CONVERTED_KEYS + 3; i++) {
			ECKey key = TestKeys.ec("kid-1", Curve.P_256);
			current.set(new JWKSet(key));
			assertThat(selected(selector, es256)).containsExactly(key.toECPublicKey());
		}
	}

}
