package io.github.jwtstarter.sample.canary;

import java.io.IOException;
import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary guide end to end: the sample application with the {@code canary} profile,
 * two providers with remote JWK Sets on loopback, real signed tokens, real HTTP. Both
 * routing styles: {@code @GetMapping(headers = "x-company=solo.io")} on
 * {@code /api/greeting} and a {@code RouterFunction} with
 * {@code JwtRequestPredicates.claim("org", "solo.io")} on {@code /api/greeting/fn}.
 * <p>
 * Written once for both web stacks: {@code ServletCanaryRoutingEndToEndTests}
 * (sample-app, Tomcat) and {@code ReactiveCanaryRoutingEndToEndTests} (sample-reactive,
 * Netty) run these scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("canary")
abstract class CanaryRoutingEndToEndTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final JwksServer partner = JwksServer.start(PARTNER_KEY);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.audiences", () -> "pets-api");
		registry.add("jwt.providers.corp.jwks.uri", corp::jwksUri);
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.audiences", () -> "pets-api");
		registry.add("jwt.providers.partner.jwks.uri", partner::jwksUri);
	}

	@AfterAll
	static void stopServers() {
		corp.close();
		partner.close();
	}

	static String corpToken(String org) {
		TestJwts token = TestJwts.issuer("https://corp.example").subject("alice").audience("pets-api");
		return ((org != null) ? token.claim("org", org) : token).signWith(CORP_KEY);
	}

	static String partnerToken(String org) {
		return TestJwts.issuer("https://partner.example")
			.subject("bob")
			.audience("pets-api")
			.claim("org", org)
			.signWith(PARTNER_KEY);
	}

	HttpResponse<String> get(String path, String... headers) {
		return new TestHttp(this.port).getWithHeaders(path, headers);
	}

	String greeting(String path, String token, String... headers) throws IOException, InterruptedException {
		String[] all = new String[headers.length + 2];
		all[0] = "Authorization";
		all[1] = "Bearer " + token;
		System.arraycopy(headers, 0, all, 2, headers.length);
		HttpResponse<String> response = get(path, all);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	@Test
	void soloIoTokenIsServedByTheCanaryThroughTheHeaderMapping() throws Exception {
		assertThat(greeting("/api/greeting", corpToken("solo.io")))
			.isEqualTo("{\"build\":\"canary\",\"style\":\"request-mapping\",\"company\":\"solo.io\"}");
		assertThat(greeting("/api/greeting", partnerToken("solo.io"))).contains("\"build\":\"canary\"");
	}

	@Test
	void otherOrgIsServedByThePrimaryThroughTheHeaderMapping() throws Exception {
		assertThat(greeting("/api/greeting", corpToken("corp.example")))
			.isEqualTo("{\"build\":\"primary\",\"style\":\"request-mapping\",\"company\":\"corp.example\"}");
	}

	@Test
	void tokenWithoutOrgIsServedByThePrimaryThroughTheHeaderMapping() throws Exception {
		assertThat(greeting("/api/greeting", corpToken(null)))
			.isEqualTo("{\"build\":\"primary\",\"style\":\"request-mapping\",\"company\":null}");
	}

	@Test
	void clientSentCompanyHeaderCannotPickTheCanary() throws Exception {
		assertThat(greeting("/api/greeting", corpToken("corp.example"), "x-company", "solo.io"))
			.contains("\"build\":\"primary\"")
			.contains("\"company\":\"corp.example\"");
		assertThat(greeting("/api/greeting", corpToken(null), "X-Company", "solo.io")).contains("\"build\":\"primary\"")
			.contains("\"company\":null");
	}

	@Test
	void requestWithoutTokenIsRefused() throws Exception {
		assertThat(get("/api/greeting", "x-company", "solo.io").statusCode()).isEqualTo(401);
		assertThat(get("/api/greeting/fn").statusCode()).isEqualTo(401);
	}

	@Test
	void soloIoTokenIsServedByTheCanaryThroughTheRouterFunction() throws Exception {
		assertThat(greeting("/api/greeting/fn", corpToken("solo.io")))
			.isEqualTo("{\"build\":\"canary\",\"style\":\"router-function\",\"company\":\"solo.io\"}");
	}

	@Test
	void everyOtherTokenIsServedByThePrimaryThroughTheRouterFunction() throws Exception {
		assertThat(greeting("/api/greeting/fn", partnerToken("partner.example"))).contains("\"build\":\"primary\"");
		assertThat(greeting("/api/greeting/fn", corpToken(null))).contains("\"build\":\"primary\"");
		assertThat(greeting("/api/greeting/fn", corpToken("acme"), "x-company", "solo.io"))
			.contains("\"build\":\"primary\"");
	}

}
