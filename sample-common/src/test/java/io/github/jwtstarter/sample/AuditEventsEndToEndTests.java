package io.github.jwtstarter.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every verification is audited like the rest of Spring Security: with an
 * {@code AuditEventRepository}, Spring Boot's audit listener records an
 * {@code AUTHENTICATION_SUCCESS} for a verified token (its principal, the verifying
 * provider) and an {@code AUTHENTICATION_FAILURE} for a rejected one (the provider its
 * issuer named and the reason), never the token; a request without a token is no
 * authentication attempt. Run against the servlet sample
 * ({@code ServletAuditEventsEndToEndTests}) and the reactive one
 * ({@code ReactiveAuditEventsEndToEndTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuditEventsEndToEndTests.Audit.class)
abstract class AuditEventsEndToEndTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	@Autowired
	InMemoryAuditEventRepository audit;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPem(CORP_KEY));
	}

	List<AuditEvent> eventsSince(Instant start) {
		return this.audit.find(null, start, null);
	}

	@Test
	void verifiedAndRejectedTokensAreAuditedWithProviderAndReasonNeverTheToken() {
		Instant start = Instant.now().minusMillis(1);
		TestHttp http = new TestHttp(this.port);
		String valid = TestJwts.issuer("https://corp.example").subject("audited-alice").signWith(CORP_KEY);
		String expired = TestJwts.issuer("https://corp.example")
			.subject("audited-bob")
			.issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(5)))
			.signWith(CORP_KEY);
		assertThat(http.get("/api/pets", valid).statusCode()).isEqualTo(200);
		assertThat(http.get("/api/pets", expired).statusCode()).isEqualTo(401);
		assertThat(http.get("/api/pets").statusCode()).isEqualTo(401);
		List<AuditEvent> events = eventsSince(start);
		assertThat(events).extracting(AuditEvent::getType)
			.containsExactly("AUTHENTICATION_SUCCESS", "AUTHENTICATION_FAILURE");
		AuditEvent success = events.get(0);
		assertThat(success.getPrincipal()).isEqualTo("audited-alice");
		assertThat(success.getData()).containsEntry("details", Map.of("provider", "corp"));
		AuditEvent failure = events.get(1);
		assertThat(failure.getPrincipal()).isEqualTo("corp");
		assertThat(failure.getData()).containsEntry("message", "expired")
			.containsEntry("type", "org.springframework.security.oauth2.server.resource.InvalidBearerTokenException");
		assertThat(String.valueOf(failure.getData().get("details"))).isEqualTo("{provider=corp, reason=expired}");
		for (AuditEvent event : events) {
			assertThat(event.toString()).doesNotContain(valid.split("\\.")[1]).doesNotContain(expired.split("\\.")[1]);
		}
	}

	@Test
	void tokenOfAnUnknownIssuerIsAuditedWithoutAProvider() {
		Instant start = Instant.now().minusMillis(1);
		String stranger = TestJwts.issuer("https://stranger.example").subject("eve").signWith(CORP_KEY);
		assertThat(new TestHttp(this.port).get("/api/pets", stranger).statusCode()).isEqualTo(401);
		assertThat(eventsSince(start)).singleElement().satisfies((event) -> {
			assertThat(event.getType()).isEqualTo("AUTHENTICATION_FAILURE");
			assertThat(event.getPrincipal()).isEqualTo("unknown");
			assertThat(String.valueOf(event.getData().get("details")))
				.isEqualTo("{provider=unknown, reason=unknown_issuer}");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Audit {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

}
