package io.github.jwtstarter.matrix.scenarios;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderValidatorCustomizer;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the application's own ({@link Checks}, added to the application with
 * {@code spring.main.sources}): an {@code OAuth2TokenValidator<Jwt>} bean applies to
 * every provider, a {@link JwtProviderValidatorCustomizer} adds a check to one provider.
 * A failed check, or one that throws, is a 401 with the generic description
 * {@code token not accepted}, never the check's own text, is counted under the check's
 * error code ({@code custom} for a generic one), and goes no further; checks see only
 * tokens that passed the provider's own checks.
 */
class ChecksOfYourOwnScenarios extends MatrixScenarios {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("spring.main.sources", Checks.class.getName(), "jwt.providers.corp.issuer", "https://corp.example",
				"jwt.providers.corp.jwks.local", TestKeys.toPem(CORP_KEY), "jwt.providers.partner.issuer",
				"https://partner.example", "jwt.providers.partner.jwks.local", TestKeys.toPem(PARTNER_KEY));
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice");
	}

	static TestJwts partner() {
		return TestJwts.issuer("https://partner.example").subject("bob");
	}

	double rejections(String provider, String outcome) {
		return application().context()
			.getBean(MeterRegistry.class)
			.find("jwt.verifications")
			.tags("provider", provider, "outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	@Test
	void checkAddedToOneProviderAppliesToThatProviderOnly() {
		assertOk(http().get("/api/orders", corp().claim("azp", "web").signWith(CORP_KEY)));
		received().clear();
		double before = rejections("corp", "custom");
		HttpResponse<String> unknownClient = http().get("/api/orders", corp().claim("azp", "evil").signWith(CORP_KEY));
		assertInvalidToken(unknownClient, "token not accepted");
		assertThat(unknownClient.body()).doesNotContain("azp");
		assertThat(rejections("corp", "custom")).as("a generic check is counted as custom").isEqualTo(before + 1);
		received().assertNone();
		assertOk(http().get("/api/orders", partner().claim("azp", "evil").signWith(PARTNER_KEY)));
	}

	@Test
	void checkBeanAppliesToEveryProviderAndNeverEchoesItsMessage() {
		double before = rejections("partner", "banned_subject");
		HttpResponse<String> corp = http().get("/api/orders",
				corp().claim("azp", "web").claim("banned", true).signWith(CORP_KEY));
		HttpResponse<String> partner = http().get("/api/orders", partner().claim("banned", true).signWith(PARTNER_KEY));
		assertInvalidToken(corp, "token not accepted");
		assertInvalidToken(partner, "token not accepted");
		assertThat(partner.body()).doesNotContain("is banned").doesNotContain("bob");
		assertThat(partner.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("banned");
		assertThat(rejections("partner", "banned_subject")).as("counted under the check's error code")
			.isEqualTo(before + 1);
		received().assertNone();
	}

	@Test
	void checkThatThrowsIsA401NotA500() {
		HttpResponse<String> response = http().get("/api/orders",
				partner().claim("explode", true).signWith(PARTNER_KEY));
		assertInvalidToken(response, "token not accepted");
		assertThat(response.body()).doesNotContain("boom");
		received().assertNone();
	}

	@Test
	void checksSeeOnlyTokensThatPassTheProvidersOwnChecks() {
		AtomicInteger seen = application().context().getBean(Checks.class).seen;
		int before = seen.get();
		Instant now = Instant.now();
		String expired = partner().claim("banned", true)
			.issuedAt(now.minus(Duration.ofHours(2)))
			.expiresAt(now.minus(Duration.ofHours(1)))
			.signWith(PARTNER_KEY);
		assertInvalidToken(http().get("/api/orders", expired), "expired");
		assertInvalidToken(http().get("/api/orders", partner().claim("banned", true).signWith(CORP_KEY)),
				"invalid signature");
		assertThat(seen.get()).isEqualTo(before);
		received().assertNone();
	}

	/**
	 * The application's checks: a bean for every provider (counting the tokens it sees),
	 * and a customizer for one.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Checks {

		final AtomicInteger seen = new AtomicInteger();

		@Bean
		OAuth2TokenValidator<Jwt> notBanned() {
			return (jwt) -> {
				this.seen.incrementAndGet();
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

	}

}
