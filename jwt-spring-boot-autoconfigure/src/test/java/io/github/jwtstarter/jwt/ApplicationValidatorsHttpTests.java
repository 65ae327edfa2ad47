package io.github.jwtstarter.jwt;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the application's own over real HTTP: an {@code OAuth2TokenValidator<Jwt>}
 * bean applies to every provider (as Spring Boot's resource server applies it), a
 * {@link JwtProviderValidatorCustomizer} adds a check to one provider. A failed check, or
 * one that throws, is a 401 with the usual problem body and the generic description
 * {@code token not accepted}, never the check's own text, and is counted under the
 * check's error code, or {@code custom} for a generic one.
 * <p>
 * Written once for both web stacks: {@code ServletApplicationValidatorsHttpTests} and
 * {@code ReactiveApplicationValidatorsHttpTests}.
 */
@SpringBootTest(classes = { MultiTenantTestApplication.class, ApplicationValidatorsHttpTests.Checks.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApplicationValidatorsHttpTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Checks checks;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.jwks.local", () -> TestKeys.toPem(PARTNER_KEY));
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").claim("jti", String.valueOf(System.nanoTime()));
	}

	static TestJwts partner() {
		return TestJwts.issuer("https://partner.example")
			.subject("bob")
			.claim("jti", String.valueOf(System.nanoTime()));
	}

	double rejections(String provider, String outcome) {
		return this.meters.find("jwt.verifications")
			.tags("provider", provider, "outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	@Test
	void checkAddedToOneProviderAppliesToThatProviderOnly() {
		assertOk(this.http.get("/echo", corp().claim("azp", "web").signWith(CORP_KEY)));
		double before = rejections("corp", "custom");
		HttpResponse<String> unknownClient = this.http.get("/echo", corp().claim("azp", "evil").signWith(CORP_KEY));
		assertInvalidToken(unknownClient, "token not accepted");
		assertThat(unknownClient.body()).doesNotContain("azp");
		assertThat(rejections("corp", "custom")).isEqualTo(before + 1);
		assertOk(this.http.get("/echo", partner().claim("azp", "evil").signWith(PARTNER_KEY)));
	}

	@Test
	void checkBeanAppliesToEveryProviderAndIsCountedUnderItsOwnCode() {
		double before = rejections("partner", "banned_subject");
		HttpResponse<String> corp = this.http.get("/echo",
				corp().claim("azp", "web").claim("banned", true).signWith(CORP_KEY));
		HttpResponse<String> partner = this.http.get("/echo", partner().claim("banned", true).signWith(PARTNER_KEY));
		assertInvalidToken(corp, "token not accepted");
		assertInvalidToken(partner, "token not accepted");
		assertThat(partner.body()).doesNotContain("is banned").doesNotContain("bob");
		assertThat(partner.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("banned");
		assertThat(rejections("partner", "banned_subject")).isEqualTo(before + 1);
		assertThat(rejections("corp", "banned_subject")).isPositive();
	}

	@Test
	void checkThatThrowsIsA401NotA500() {
		HttpResponse<String> response = this.http.get("/echo", partner().claim("explode", true).signWith(PARTNER_KEY));
		assertInvalidToken(response, "token not accepted");
		assertThat(response.body()).doesNotContain("boom");
	}

	@Test
	void checksSeeOnlyTokensThatPassTheProvidersOwnChecks() {
		int before = this.checks.banned.get();
		Instant now = Instant.now();
		String expired = partner().claim("banned", true)
			.issuedAt(now.minus(Duration.ofHours(2)))
			.expiresAt(now.minus(Duration.ofHours(1)))
			.signWith(PARTNER_KEY);
		assertInvalidToken(this.http.get("/echo", expired), "expired");
		assertInvalidToken(this.http.get("/echo", partner().claim("banned", true).signWith(CORP_KEY)),
				"invalid signature");
		assertThat(this.checks.banned.get()).isEqualTo(before);
	}

	/**
	 * The application's checks: a bean for every provider, and a customizer for one.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Checks {

		final AtomicInteger banned = new AtomicInteger();

		@Bean
		OAuth2TokenValidator<Jwt> notBanned() {
			return (jwt) -> {
				this.banned.incrementAndGet();
				if (Boolean.TRUE.equals(jwt.getClaim("explode"))) {
					throw new IllegalStateException("boom");
				}
				return Boolean.TRUE.equals(jwt.getClaim("banned"))
						? OAuth2TokenValidatorResult
							.failure(new OAuth2Error("banned_subject", jwt.getSubject() + " is banned", null))
						: OAuth2TokenValidatorResult.success();
			};
		}

		@Bean
		JwtProviderValidatorCustomizer knownClients() {
			return (providerId, validators) -> {
				if ("corp".equals(providerId)) {
					validators.add(new JwtClaimValidator<String>("azp", Set.of("web", "cli")::contains));
				}
			};
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
