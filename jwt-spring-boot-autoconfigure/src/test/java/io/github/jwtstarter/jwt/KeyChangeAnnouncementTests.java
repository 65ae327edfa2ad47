package io.github.jwtstarter.jwt;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change of a provider's remote keys is announced (and so the verified-token cache
 * dropped and its generation moved on) only once the new key set is the one served: a
 * token verified after the announcement can only have been verified with the new keys.
 */
class KeyChangeAnnouncementTests {

	static final RSAKey OLD = TestKeys.rsa("old-1");

	static final RSAKey NEW = TestKeys.rsa("new-1");

	@Test
	void keyChangeIsAnnouncedOnlyOnceTheNewSetIsServed() throws Exception {
		try (JwksServer server = JwksServer.start(OLD)) {
			AtomicReference<ProviderKeys> keys = new AtomicReference<>();
			List<Boolean> newSetServedWhenAnnounced = new CopyOnWriteArrayList<>();
			JwksFetchListener listener = (event) -> {
				if (event.success() && event.keys() != null && event.keys().getKeyByKeyId("new-1") != null) {
					newSetServedWhenAnnounced.add(served(keys.get()).getKeyByKeyId("new-1") != null);
				}
			};
			ProviderKeys.RemoteSettings settings = new ProviderKeys.RemoteSettings(Duration.ofMinutes(5), Duration.ZERO,
					Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofKilobytes(64));
			keys.set(ProviderKeys.remote("corp", new URL(server.jwksUri()), "https://corp.example", settings, listener,
					Clock.systemUTC()));
			assertThat(keys.get().source().get(byKid("old-1"), null)).hasSize(1);
			server.setKeys(NEW);
			assertThat(keys.get().source().get(byKid("new-1"), null)).hasSize(1);
			assertThat(newSetServedWhenAnnounced).containsExactly(true);
			keys.get().close();
		}
	}

	private static JWKSet served(ProviderKeys keys) {
		try {
			return ((JWKSetBasedJWKSource<SecurityContext>) keys.source()).getJWKSetSource()
				.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), System.currentTimeMillis(), null);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWKSelector byKid(String kid) {
		return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
	}

}
