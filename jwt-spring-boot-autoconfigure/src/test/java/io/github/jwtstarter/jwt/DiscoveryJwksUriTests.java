package io.github.jwtstarter.jwt;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code jwks_uri} of an {@code https} issuer's discovery document must be
 * {@code https} too (a loopback address aside): keys of a TLS-protected issuer are never
 * fetched in clear text. The retriever here stands in for an {@code https} identity
 * provider and records what is fetched.
 */
class DiscoveryJwksUriTests {

	static final RSAKey KEY = TestKeys.rsa("k1");

	final List<String> fetched = new CopyOnWriteArrayList<>();

	@Test
	void httpJwksUriUnderAnHttpsIssuerIsRefusedAndNeverFetched() {
		DiscoveryJwkSetSource source = new DiscoveryJwkSetSource("https://idp.example",
				idp("https://idp.example", "http://idp.example/jwks.json"));
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> fetch(source));
		assertThat(this.fetched).noneMatch((url) -> url.startsWith("http://"));
	}

	@Test
	void httpsJwksUriUnderAnHttpsIssuerIsFetched() throws Exception {
		DiscoveryJwkSetSource source = new DiscoveryJwkSetSource("https://idp.example",
				idp("https://idp.example", "https://keys.idp.example/jwks.json"));
		assertThat(fetch(source).getKeyByKeyId("k1")).isNotNull();
		assertThat(this.fetched).contains("https://keys.idp.example/jwks.json");
	}

	@Test
	void httpLoopbackJwksUriUnderAnHttpsIssuerIsFetched() throws Exception {
		DiscoveryJwkSetSource source = new DiscoveryJwkSetSource("https://idp.example",
				idp("https://idp.example", "http://127.0.0.1:8080/jwks.json"));
		assertThat(fetch(source).getKeyByKeyId("k1")).isNotNull();
	}

	private static JWKSet fetch(DiscoveryJwkSetSource source) throws KeySourceException {
		return source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), System.currentTimeMillis(), null);
	}

	private ResourceRetriever idp(String issuer, String jwksUri) {
		return (URL url) -> {
			this.fetched.add(url.toString());
			if (url.getPath().endsWith("/openid-configuration")) {
				return new Resource("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\"}",
						"application/json");
			}
			return new Resource(TestKeys.toPublicJwkSetJson(KEY), "application/json");
		};
	}

}
