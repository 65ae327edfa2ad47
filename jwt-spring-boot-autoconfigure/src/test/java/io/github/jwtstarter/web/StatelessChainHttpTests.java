package io.github.jwtstarter.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's chain is stateless and short: only the filters a JWT resource server
 * needs (with Actuator, Spring Security observes every filter of the chain), no session
 * on any outcome, anonymous requests still anonymous.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, StatelessChainHttpTests.Observations.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatelessChainHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@LocalServerPort
	int port;

	@Autowired
	FilterChainProxy filterChainProxy;

	@Autowired
	ObservationCounts observations;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(KEY));
		registry.add("jwt.routes[0].paths", () -> "/public/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String token() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(KEY);
	}

	@Test
	void chainHoldsOnlyTheFiltersAStatelessJwtChainNeeds() {
		List<String> filters = this.filterChainProxy.getFilterChains()
			.get(0)
			.getFilters()
			.stream()
			.map(Filter::getClass)
			.map(Class::getSimpleName)
			.toList();
		assertThat(filters).containsExactly("WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter",
				"HeaderWriterFilter", "SecurityContextHolderAwareRequestFilter", "JwtAuthenticationFilter",
				"AnonymousAuthenticationFilter", "ExceptionTranslationFilter");
	}

	@Test
	void anAuthenticatedRequestCostsTwoObservationEventsPerFilterAndFourSecurityObservations() {
		this.http.get("/api/pets/1", token());
		this.observations.reset();
		TestHttp.assertOk(this.http.get("/api/pets/1", token()));
		// with Actuator, each event and observation is a meter lookup: 10 filters (20
		// events)
		// before the chain was shortened; without jwt.rbac policies there is nothing to
		// authorize, so no authorization filter either
		assertThat(this.observations.events()).isEqualTo(14);
		assertThat(this.observations.started()).containsExactlyInAnyOrder("spring.security.filterchains",
				"spring.security.filterchains", "spring.security.http.secured.requests");
	}

	@Test
	void noOutcomeCreatesASession() {
		List<HttpResponse<String>> responses = List.of(this.http.get("/api/pets/1", token()),
				this.http.get("/api/pets/1"), this.http.get("/api/pets/1", token() + "x"),
				this.http.get("/api/pets/missing", token()), this.http.get("/secured/org", token()),
				this.http.get("/public/page"));
		assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 401, 401, 404, 403, 200);
		assertThat(responses).allSatisfy((response) -> assertThat(response.headers().allValues("Set-Cookie"))
			.as("Set-Cookie on %s", response.uri())
			.isEmpty());
	}

	@Test
	void requestWithoutTokenOnAnAllowMissingRouteIsAnonymousAndStillGetsSecurityHeaders() {
		HttpResponse<String> response = this.http.get("/public/page");
		TestHttp.assertOk(response);
		assertThat(response.body()).contains("\"authenticated\":false");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Observations {

		// the handler is no bean: Boot would register a handler bean a second time
		private final CountingObservationHandler handler = new CountingObservationHandler();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(this.handler);
			return registry;
		}

		@Bean
		ObservationCounts observationCounts() {
			return new ObservationCounts(this.handler);
		}

	}

	/**
	 * Counts what Micrometer's meter handler would turn into meter lookups.
	 */
	static final class CountingObservationHandler implements ObservationHandler<Observation.Context> {

		private final AtomicInteger events = new AtomicInteger();

		private final List<String> started = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			if (context.getName().startsWith("spring.security")) {
				this.started.add(context.getName());
			}
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			if (context.getName().startsWith("spring.security")) {
				this.events.incrementAndGet();
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	record ObservationCounts(CountingObservationHandler handler) {

		int events() {
			return this.handler.events.get();
		}

		List<String> started() {
			return List.copyOf(this.handler.started);
		}

		void reset() {
			this.handler.events.set(0);
			this.handler.started.clear();
		}

	}

}
