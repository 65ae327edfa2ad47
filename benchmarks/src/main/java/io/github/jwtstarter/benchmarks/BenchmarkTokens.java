package io.github.jwtstarter.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What the benchmarks share: the issuer and audience, how a benchmark token is minted,
 * and the starter's context built through its auto-configuration with local keys (no
 * network).
 */
final class BenchmarkTokens {

	static final String AUDIENCE = "bench-api";

	private BenchmarkTokens() {
	}

	/**
	 * Returns the issuer of the provider with the given index.
	 * @param index the provider index
	 * @return the issuer
	 */
	static String issuer(int index) {
		return "https://issuer-" + index + ".bench.example";
	}

	/**
	 * Mints a token that every benchmark decoder accepts.
	 * @param issuer the issuer
	 * @param subject the subject
	 * @param key the signing key
	 * @return the compact token
	 */
	static String token(String issuer, String subject, JWK key) {
		return TestJwts.issuer(issuer)
			.subject(subject)
			.audience(AUDIENCE)
			.scope("pets.read pets.write orders.read")
			.expiresIn(Duration.ofDays(7))
			.signWith(key);
	}

	/**
	 * Starts the starter with {@code providers} providers; the last one (whose issuer is
	 * {@code issuer(providers - 1)}) has {@code key}, the others their own EC keys.
	 * @param providers how many providers to configure
	 * @param key the last provider's key
	 * @param cache whether the verified-token cache is on
	 * @param crypto {@code jwt.crypto.provider}: {@code jdk}, or {@code auto} for Amazon
	 * Corretto Crypto Provider (on this module's class path)
	 * @return the running context
	 */
	static ConfigurableApplicationContext starter(int providers, JWK key, boolean cache, String crypto) {
		List<String> properties = new ArrayList<>();
		properties.add("spring.main.banner-mode=off");
		properties.add("logging.level.root=warn");
		properties.add("jwt.cache.enabled=" + cache);
		properties.add("jwt.crypto.provider=" + crypto);
		for (int i = 0; i < providers; i++) {
			JWK providerKey = (i == providers - 1) ? key : TestKeys.ec("other-" + i, Curve.P_256);
			String prefix = "jwt.providers.p" + i + ".";
			properties.add(prefix + "issuer=" + issuer(i));
			properties.add(prefix + "audiences=" + AUDIENCE);
			properties.add(prefix + "algorithms=" + algorithm(providerKey));
			properties.add(prefix + "jwks.local=" + TestKeys.toPublicJwkSetJson(providerKey));
		}
		return new SpringApplicationBuilder(StarterConfiguration.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static String algorithm(JWK key) {
		if (KeyType.RSA.equals(key.getKeyType())) {
			return "RS256";
		}
		return KeyType.OKP.equals(key.getKeyType()) ? "EdDSA" : "ES256";
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JwtAutoConfiguration.class)
	static class StarterConfiguration {

	}

}
