package io.github.jwtstarter.sample;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and metrics of the providers through {@code /actuator/health} and
 * {@code /actuator/metrics} of the sample application: a local-key provider, a remote
 * provider whose JWKS endpoint works, and one whose endpoint is down and then recovers.
 * The tests run in order, each building on the traffic of the previous ones.
 * <p>
 * Written once for both web stacks: {@code ServletObservabilityEndToEndTests}
 * (sample-app, Tomcat) and {@code ReactiveObservabilityEndToEndTests} (sample-reactive,
 * Netty) run these scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ObservabilityEndToEndTests {

	static final String CORP = "https://corp.example";

	static final String PARTNER = "https://partner.example";

	static final String KUBE = "kubernetes/serviceaccount";

	static final RSAKey PARTNER_KEY = TestKeys.rsa("partner-1");

	static final JwksServer corpJwks = JwksServer.start(CORP_KEY);

	static final JwksServer partnerJwks = JwksServer.start(PARTNER_KEY).failWith(503);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		CorpAndKube.registerCorp(registry, corpJwks::jwksUri);
		registry.add("jwt.providers.partner.issuer", () -> PARTNER);
		registry.add("jwt.providers.partner.jwks.uri", partnerJwks::jwksUri);
		registry.add("jwt.providers.partner.jwks.min-refresh-interval", () -> "200ms");
		CorpAndKube.registerKube(registry);
	}

	@AfterAll
	static void stop() {
		corpJwks.close();
		partnerJwks.close();
	}

	@Test
	@Order(1)
	void healthListsEveryProviderWithoutFetchingKeys() throws Exception {
		HttpResponse<String> anonymous = get("/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).as("an anonymous caller sees the status only")
			.contains("\"status\":\"UP\"")
			.doesNotContain("components")
			.doesNotContain("corp")
			.doesNotContain("kube");
		HttpResponse<String> response = get("/actuator/health", token(KUBE, KUBE_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> jwt = component(response, "jwt");
		assertThat(jwt).containsEntry("status", "UP");
		assertThat(provider(jwt, "kube")).containsEntry("status", "UP");
		assertThat(details(jwt, "kube")).containsEntry("keys", 1L).containsEntry("source", "local");
		assertThat(provider(jwt, "corp")).containsEntry("status", "UNKNOWN");
		assertThat(provider(jwt, "partner")).containsEntry("status", "UNKNOWN");
		assertThat(corpJwks.requestCount() + partnerJwks.requestCount()).as("health makes no network call").isZero();
	}

	@Test
	@Order(2)
	void providerWhoseEndpointIsDownWithNoKeyIsDownWhileTheOthersAreUp() throws Exception {
		assertThat(get("/whoami", token(CORP, CORP_KEY)).statusCode()).isEqualTo(200);
		HttpResponse<String> rejected = get("/whoami", token(PARTNER, PARTNER_KEY));
		assertThat(rejected.statusCode()).isEqualTo(401);
		assertThat(rejected.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"unable to verify token\"");
		int requests = corpJwks.requestCount() + partnerJwks.requestCount();
		HttpResponse<String> response = get("/actuator/health", token(KUBE, KUBE_KEY));
		assertThat(response.statusCode()).isEqualTo(503);
		Map<String, Object> jwt = component(response, "jwt");
		assertThat(jwt).containsEntry("status", "DOWN");
		assertThat(provider(jwt, "corp")).containsEntry("status", "UP");
		assertThat(details(jwt, "corp")).containsEntry("keys", 1L).containsKey("lastSuccessfulFetch");
		assertThat(provider(jwt, "partner")).containsEntry("status", "DOWN");
		assertThat(details(jwt, "partner")).containsEntry("keys", 0L)
			.containsEntry("reason", "endpoint failing, no cached key")
			.containsKey("failingSince");
		assertThat(response.body()).doesNotContain(corpJwks.uri()).doesNotContain(partnerJwks.uri());
		assertThat(corpJwks.requestCount() + partnerJwks.requestCount()).isEqualTo(requests);
	}

	@Test
	@Order(3)
	void metricsNeedATokenAndCountVerificationsFetchesAndCacheUse() throws Exception {
		String token = token(KUBE, KUBE_KEY);
		assertThat(get("/actuator/metrics/jwt.verifications", null).statusCode()).isEqualTo(401);
		HttpResponse<String> verifications = get("/actuator/metrics/jwt.verifications", token);
		assertThat(verifications.statusCode()).isEqualTo(200);
		assertThat(tagValues(verifications, "provider")).contains("corp", "partner", "kube");
		assertThat(tagValues(verifications, "outcome")).contains("success", "keys_unavailable");
		assertThat(tagValues(verifications, "cache")).contains("miss");
		assertThat(count(
				get("/actuator/metrics/jwt.verifications?tag=provider:partner&tag=outcome:keys_unavailable", token)))
			.isOne();
		assertThat(count(get("/actuator/metrics/jwt.jwks.fetches?tag=provider:corp&tag=result:success", token)))
			.isOne();
		assertThat(count(get("/actuator/metrics/jwt.jwks.fetches?tag=provider:partner&tag=result:failure", token)))
			.isOne();
		assertThat(get("/actuator/metrics/jwt.verifications?tag=cache:hit", token).statusCode())
			.as("the repeated kube token was served from the cache")
			.isEqualTo(200);
		assertThat(count(get("/actuator/metrics/cache.gets?tag=cache:jwt.verified-tokens&tag=result:hit", token)))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	@Order(4)
	void recoveredEndpointMakesTheProviderUpWithoutRestart() throws Exception {
		partnerJwks.healthy();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/whoami", token(PARTNER, PARTNER_KEY)).statusCode() == 200);
		HttpResponse<String> response = get("/actuator/health", token(KUBE, KUBE_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> jwt = component(response, "jwt");
		assertThat(jwt).containsEntry("status", "UP");
		assertThat(provider(jwt, "partner")).containsEntry("status", "UP");
		assertThat(details(jwt, "partner")).containsEntry("keys", 1L).doesNotContainKey("failingSince");
	}

	static String token(String issuer, RSAKey key) {
		return TestJwts.issuer(issuer).subject("alice").audience("pets-api").signWith(key);
	}

	HttpResponse<String> get(String path, @Nullable String token) {
		return new TestHttp(this.port).get(path, token);
	}

	static Map<String, Object> component(HttpResponse<String> response, String name) throws ParseException {
		Map<String, Object> health = JSONObjectUtils.parse(response.body());
		return JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(health, "components"), name);
	}

	static Map<String, Object> provider(Map<String, Object> jwt, String id) throws ParseException {
		return JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(jwt, "components"), id);
	}

	static Map<String, Object> details(Map<String, Object> jwt, String id) throws ParseException {
		return JSONObjectUtils.getJSONObject(provider(jwt, id), "details");
	}

	@SuppressWarnings("unchecked")
	static List<Object> tagValues(HttpResponse<String> metric, String tag) throws ParseException {
		for (Object each : (List<Object>) JSONObjectUtils.parse(metric.body()).get("availableTags")) {
			Map<String, Object> available = (Map<String, Object>) each;
			if (tag.equals(available.get("tag"))) {
				return (List<Object>) available.get("values");
			}
		}
		return List.of();
	}

	@SuppressWarnings("unchecked")
	static double count(HttpResponse<String> metric) throws ParseException {
		assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
		for (Object each : (List<Object>) JSONObjectUtils.parse(metric.body()).get("measurements")) {
			Map<String, Object> measurement = (Map<String, Object>) each;
			if ("COUNT".equals(measurement.get("statistic"))) {
				return ((Number) measurement.get("value")).doubleValue();
			}
		}
		throw new AssertionError("no COUNT in " + metric.body());
	}

}
