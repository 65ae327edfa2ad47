package io.github.jwtstarter.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtObservabilityAutoConfiguration;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The starter's meters, recorded by the auto-configured verifier into a
 * {@link SimpleMeterRegistry}, with real keys and a loopback JWKS endpoint.
 */
class JwtMetricsTests {

	private static final String CORP = "https://corp.example";

	private static final String PARTNER = "https://partner.example";

	private static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	private static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	private JwksServer corp;

	private JwksServer partner;

	private ConfigurableApplicationContext context;

	private JwtVerifier verifier;

	private MeterRegistry meters;

	@BeforeEach
	void start() {
		this.corp = JwksServer.start(CORP_KEY);
		this.partner = JwksServer.start(PARTNER_KEY).failWith(503);
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("jwt.providers.corp.issuer=" + CORP, "jwt.providers.corp.jwks.uri=" + this.corp.jwksUri(),
					"jwt.providers.partner.issuer=" + PARTNER,
					"jwt.providers.partner.jwks.uri=" + this.partner.jwksUri())
			.run();
		this.verifier = this.context.getBean(JwtVerifier.class);
		this.meters = this.context.getBean(MeterRegistry.class);
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.corp.close();
		this.partner.close();
	}

	@Test
	void verificationsAreTimedByProviderOutcomeAndCacheUse() {
		String token = TestJwts.issuer(CORP).subject("alice").signWith(CORP_KEY);
		verify(token);
		verify(token);
		verify(token);
		verify(TestJwts.issuer(CORP)
			.subject("alice")
			.expiresAt(Instant.now().minus(Duration.ofHours(1)))
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.signWith(CORP_KEY));
		verify(TestJwts.issuer(CORP).subject("alice").signWith(PARTNER_KEY));
		verify(TestJwts.issuer("https://unknown.example").subject("alice").signWith(CORP_KEY));
		verify(TestJwts.issuer(PARTNER).subject("bob").signWith(PARTNER_KEY));
		verify("not a token");
		assertThat(count("corp", "success", "miss")).isOne();
		assertThat(count("corp", "success", "hit")).isEqualTo(2);
		assertThat(count("corp", "expired", "miss")).isOne();
		assertThat(count("corp", "bad_signature", "miss")).isOne();
		assertThat(count("none", "unknown_issuer", "miss")).isOne();
		assertThat(count("partner", "keys_unavailable", "miss")).isOne();
		assertThat(count("none", "malformed", "miss")).isOne();
		assertThat(this.meters.get("jwt.verifications").timers())
			.allSatisfy((timer) -> assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive());
	}

	@Test
	void fetchesAreCountedByProviderAndResult() {
		verify(TestJwts.issuer(CORP).subject("alice").signWith(CORP_KEY));
		verify(TestJwts.issuer(PARTNER).subject("bob").signWith(PARTNER_KEY));
		assertThat(this.meters.get("jwt.jwks.fetches").tags("provider", "corp", "result", "success").counter().count())
			.isOne();
		assertThat(
				this.meters.get("jwt.jwks.fetches").tags("provider", "partner", "result", "failure").counter().count())
			.isOne();
		assertThat(this.meters.find("jwt.jwks.fetches").tags("provider", "corp", "result", "failure").counter())
			.isNull();
	}

	@Test
	void verifiedTokenCacheHitsAndMissesAreMeasured() {
		String token = TestJwts.issuer(CORP).subject("alice").signWith(CORP_KEY);
		verify(token);
		verify(token);
		assertThat(this.meters.get("cache.gets")
			.tags("cache", "jwt.verified-tokens", "result", "hit")
			.functionCounter()
			.count()).isOne();
		assertThat(this.meters.get("cache.gets")
			.tags("cache", "jwt.verified-tokens", "result", "miss")
			.functionCounter()
			.count()).isOne();
		assertThat(this.meters.get("cache.size").tags("cache", "jwt.verified-tokens").gauge().value()).isOne();
	}

	@Test
	void tagValuesComeFromFixedSetsAndConfiguredIdsNeverFromTokens() {
		verify(TestJwts.issuer("https://attacker.example/" + "x".repeat(50)).subject("mallory").signWith(CORP_KEY));
		verify(TestJwts.issuer(CORP)
			.subject("mallory")
			.header((header) -> header.keyID("kid-chosen-by-attacker"))
			.claim("provider", "evil")
			.signWith(TestKeys.rsa("attacker")));
		verify(TestJwts.issuer(CORP).subject("alice").signWith(CORP_KEY));
		Set<String> allowed = new HashSet<>(Set.of("corp", "partner", "none", "success", "failure", "hit", "miss"));
		for (JwtFailure failure : JwtFailure.values()) {
			allowed.add(failure.tag());
		}
		for (Meter meter : this.meters.getMeters()) {
			if (meter.getId().getName().startsWith("jwt.")) {
				assertThat(meter.getId().getTags()).extracting(Tag::getValue).isSubsetOf(allowed);
			}
		}
	}

	private double count(String provider, String outcome, String cache) {
		return this.meters.get("jwt.verifications")
			.tags("provider", provider, "outcome", outcome, "cache", cache)
			.timer()
			.count();
	}

	private void verify(String token) {
		catchThrowableOfType(JwtVerificationException.class, () -> this.verifier.verify(token, (provider) -> true));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JwtAutoConfiguration.class, JwtObservabilityAutoConfiguration.class,
			MetricsAutoConfiguration.class })
	static class Config {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
