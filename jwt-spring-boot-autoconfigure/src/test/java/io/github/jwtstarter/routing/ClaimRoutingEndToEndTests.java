package io.github.jwtstarter.routing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim-based routing and request shaping over real HTTP: a remote JWK Set on loopback
 * (corp) and a local EC key (partner), real signed tokens, and an application that echoes
 * what it sees. Corp copies claims into headers (one of them in append mode) and keeps
 * its token; partner copies one claim and hides its token (header, query parameter or
 * cookie).
 * <p>
 * Written once for both web stacks: {@code ServletClaimRoutingEndToEndTests} and
 * {@code ReactiveClaimRoutingEndToEndTests} run these scenarios on Tomcat and on Netty.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ClaimRoutingEndToEndTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final JwksServer corp = JwksServer.start(CORP_KEY);

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("jwt.validation-policy", () -> "allow-missing");
		registry.add("jwt.routes[0].paths", () -> "/lenient/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing-or-failed");
		registry.add("jwt.routes[1].paths", () -> "/disabled/**");
		registry.add("jwt.routes[1].disabled", () -> "true");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", corp::jwksUri);
		String[][] corpHeaders = { { "org", "x-company" }, { "level", "x-level" }, { "ratio", "x-ratio" },
				{ "admin", "x-admin" }, { "groups", "x-groups" }, { "address", "x-address" },
				{ "realm_access.roles", "x-roles" }, { "https://solo.io/tier", "x-tier" }, { "nickname", "x-nickname" },
				{ "empty", "x-empty" }, { "motto", "x-motto" }, { "exp", "x-expires" }, { "team", "X-Team" } };
		for (int i = 0; i < corpHeaders.length; i++) {
			String[] mapping = corpHeaders[i];
			registry.add("jwt.providers.corp.claims-to-headers[" + i + "].claim", () -> mapping[0]);
			registry.add("jwt.providers.corp.claims-to-headers[" + i + "].header", () -> mapping[1]);
		}
		registry.add("jwt.providers.corp.claims-to-headers[" + (corpHeaders.length - 1) + "].append", () -> "true");
		registry.add("jwt.providers.partner.issuer", () -> "https://partner.example");
		registry.add("jwt.providers.partner.jwks.local", () -> TestKeys.toPem(PARTNER_KEY));
		registry.add("jwt.providers.partner.keep-token", () -> "false");
		registry.add("jwt.providers.partner.token-source.headers[0].name", () -> "Authorization");
		registry.add("jwt.providers.partner.token-source.headers[1].name", () -> "X-Partner-Token");
		registry.add("jwt.providers.partner.token-source.headers[1].prefix", () -> "");
		registry.add("jwt.providers.partner.token-source.query-params", () -> "access_token");
		registry.add("jwt.providers.partner.token-source.cookies", () -> "partner_jwt");
		registry.add("jwt.providers.partner.claims-to-headers[0].claim", () -> "tenant");
		registry.add("jwt.providers.partner.claims-to-headers[0].header", () -> "x-tenant");
	}

	static TestJwts corpToken() {
		return TestJwts.issuer("https://corp.example").subject("alice");
	}

	static TestJwts partnerToken() {
		return TestJwts.issuer("https://partner.example").subject("bob");
	}

	HttpResponse<String> get(String path, String... headers) {
		return new TestHttp(this.port).getWithHeaders(path, headers);
	}

	String body(String path, String... headers) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> echo(String path, String... headers) throws IOException, InterruptedException {
		return json.readValue(body(path, headers), Map.class);
	}

	@SuppressWarnings("unchecked")
	static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

	// Canary routing with @GetMapping(headers = "x-company=solo.io")

	@Test
	void soloIoOrgClaimIsRoutedToTheCanary() throws Exception {
		String token = corpToken().claim("org", "solo.io").signWith(CORP_KEY);
		assertThat(body("/api/greeting", "Authorization", "Bearer " + token)).isEqualTo("canary for solo.io");
	}

	@Test
	void otherOrgClaimIsRoutedToThePrimary() throws Exception {
		String token = corpToken().claim("org", "acme").signWith(CORP_KEY);
		assertThat(body("/api/greeting", "Authorization", "Bearer " + token)).isEqualTo("primary");
	}

	@Test
	void tokenWithoutOrgClaimIsRoutedToThePrimary() throws Exception {
		assertThat(body("/api/greeting", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY)))
			.isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderWithAnotherOrgClaimStillGetsThePrimary() throws Exception {
		String token = corpToken().claim("org", "acme").signWith(CORP_KEY);
		assertThat(body("/api/greeting", "Authorization", "Bearer " + token, "x-company", "solo.io"))
			.isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderWithoutOrgClaimStillGetsThePrimary() throws Exception {
		assertThat(body("/api/greeting", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY), "X-Company",
				"solo.io"))
			.isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderWithoutTokenUnderAllowMissingGetsThePrimary() throws Exception {
		assertThat(body("/api/greeting", "x-company", "solo.io")).isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderWithInvalidTokenUnderAllowMissingOrFailedGetsThePrimary() throws Exception {
		assertThat(body("/lenient/greeting", "Authorization", "Bearer not.a.token", "x-company", "solo.io"))
			.isEqualTo("primary");
		String expired = corpToken().claim("org", "solo.io").expiresIn(Duration.ofHours(-1)).signWith(CORP_KEY);
		assertThat(body("/lenient/greeting", "Authorization", "Bearer " + expired, "x-company", "solo.io"))
			.isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderIsRemovedOnDisabledRoutes() throws Exception {
		assertThat(body("/disabled/greeting", "x-company", "solo.io")).isEqualTo("primary");
	}

	@Test
	void clientSentCompanyHeaderWithTokenOfProviderThatDoesNotMapItGetsThePrimary() throws Exception {
		String token = partnerToken().claim("org", "solo.io").signWith(PARTNER_KEY);
		assertThat(body("/api/greeting", "Authorization", "Bearer " + token, "x-company", "solo.io"))
			.isEqualTo("primary");
	}

	// Canary routing with a RouterFunction on JwtRequestPredicates

	@Test
	void routerFunctionRoutesSoloIoOrgClaimToTheCanary() throws Exception {
		String token = corpToken().claim("org", "solo.io").signWith(CORP_KEY);
		assertThat(body("/fn/greeting", "Authorization", "Bearer " + token)).isEqualTo("canary");
	}

	@Test
	void routerFunctionRoutesEverythingElseToThePrimary() throws Exception {
		assertThat(
				body("/fn/greeting", "Authorization", "Bearer " + corpToken().claim("org", "acme").signWith(CORP_KEY)))
			.isEqualTo("primary");
		assertThat(body("/fn/greeting", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY)))
			.isEqualTo("primary");
		assertThat(body("/fn/greeting", "x-company", "solo.io")).isEqualTo("primary");
		assertThat(body("/fn/greeting")).isEqualTo("primary");
	}

	@Test
	void routerFunctionComposesProviderClaimAndAuthenticatedPredicates() throws Exception {
		String solo = partnerToken().claim("email", "bob@solo.io").signWith(PARTNER_KEY);
		String other = partnerToken().claim("email", "bob@acme.example").signWith(PARTNER_KEY);
		String corpSolo = corpToken().claim("email", "alice@solo.io").signWith(CORP_KEY);
		assertThat(body("/fn/partner", "Authorization", "Bearer " + solo)).isEqualTo("solo partner");
		assertThat(body("/fn/partner", "Authorization", "Bearer " + other)).isEqualTo("someone");
		assertThat(body("/fn/partner", "Authorization", "Bearer " + corpSolo)).isEqualTo("someone");
		assertThat(body("/fn/partner")).isEqualTo("primary");
	}

	@Test
	void routerFunctionRoutesByAnAuthority() throws Exception {
		assertThat(body("/fn/admin", "Authorization",
				"Bearer " + corpToken().claim("scope", "read admin").signWith(CORP_KEY)))
			.isEqualTo("admin");
		assertThat(
				body("/fn/admin", "Authorization", "Bearer " + corpToken().claim("scope", "read").signWith(CORP_KEY)))
			.isEqualTo("primary");
		assertThat(body("/fn/admin")).isEqualTo("primary");
	}

	@Test
	void routerFunctionRoutesByAClaimConditionOfANamedComparison() throws Exception {
		assertThat(body("/fn/verified", "Authorization",
				"Bearer " + corpToken().claim("email_verified", true).signWith(CORP_KEY)))
			.isEqualTo("verified");
		assertThat(body("/fn/verified", "Authorization",
				"Bearer " + corpToken().claim("email_verified", "true").signWith(CORP_KEY)))
			.isEqualTo("primary");
	}

	// Rendering

	@Test
	void everyClaimTypeIsRenderedIntoItsHeader() throws Exception {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("city", "Boston");
		address.put("zip", "02110");
		address.put("floors", List.of(1, 2));
		Instant expiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		String token = corpToken().claim("org", "solo.io")
			.claim("level", 42)
			.claim("ratio", 0.5)
			.claim("admin", true)
			.claim("groups", List.of("dev", "ops"))
			.claim("address", address)
			.claim("realm_access", Map.of("roles", List.of("admin", "user")))
			.claim("https://solo.io/tier", "gold")
			.claim("empty", List.of())
			.claim("motto", "line one\r\nInjected: yes")
			.expiresAt(expiry)
			.signWith(CORP_KEY);
		Map<String, List<String>> headers = headers(echo("/echo", "Authorization", "Bearer " + token));
		assertThat(headers).containsEntry("x-company", List.of("solo.io"))
			.containsEntry("x-level", List.of("42"))
			.containsEntry("x-ratio", List.of("0.5"))
			.containsEntry("x-admin", List.of("true"))
			.containsEntry("x-groups", List.of("dev,ops"))
			.containsEntry("x-address", List.of("{\"city\":\"Boston\",\"zip\":\"02110\",\"floors\":[1,2]}"))
			.containsEntry("x-roles", List.of("admin,user"))
			.containsEntry("x-tier", List.of("gold"))
			.containsEntry("x-expires", List.of(Long.toString(expiry.getEpochSecond())));
		assertThat(headers).doesNotContainKeys("x-nickname", "x-empty", "x-motto", "injected", "x-team");
	}

	@Test
	void claimWithCharactersAboveObsTextIsNotCopiedIntoAHeader() throws Exception {
		String snowman = corpToken().claim("nickname", "snow\u2603man")
			.claim("motto", "\u0100 is not latin-1")
			.signWith(CORP_KEY);
		assertThat(headers(echo("/echo", "Authorization", "Bearer " + snowman, "X-Nickname", "spoofed")))
			.doesNotContainKeys("x-nickname", "x-motto");
		String latin1 = corpToken().claim("nickname", "caf\u00e9").signWith(CORP_KEY);
		assertThat(headers(echo("/echo", "Authorization", "Bearer " + latin1))).containsEntry("x-nickname",
				List.of("caf\u00e9"));
	}

	@Test
	void missingClaimRemovesTheClientSentHeader() throws Exception {
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY),
				"X-Nickname", "spoofed");
		assertThat(headers(echo)).doesNotContainKey("x-nickname");
	}

	@Test
	void claimHeadersAreLookedUpCaseInsensitively() throws Exception {
		String token = corpToken().claim("org", "solo.io").signWith(CORP_KEY);
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + token, "X-COMPANY", "spoofed");
		assertThat(echo.get("X-Company")).isEqualTo("solo.io");
		assertThat(echo.get("X-COMPANY values")).isEqualTo(List.of("solo.io"));
		assertThat(headers(echo)).containsEntry("x-company", List.of("solo.io"));
	}

	// Append mode

	@Test
	void appendModeAddsTheClaimAfterTheClientSentValues() throws Exception {
		String token = corpToken().claim("team", "blue").signWith(CORP_KEY);
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + token, "x-team", "red");
		assertThat(headers(echo)).containsEntry("x-team", List.of("red", "blue"));
	}

	@Test
	void appendModeWithoutClientHeaderSetsTheClaim() throws Exception {
		String token = corpToken().claim("team", "blue").signWith(CORP_KEY);
		assertThat(headers(echo("/echo", "Authorization", "Bearer " + token))).containsEntry("x-team", List.of("blue"));
	}

	@Test
	void appendModeKeepsTheClientSentValueWhenTheClaimIsMissing() throws Exception {
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY), "x-team",
				"red");
		assertThat(headers(echo)).containsEntry("x-team", List.of("red"));
	}

	@Test
	void appendModeHeaderIsRemovedFromAnonymousRequests() throws Exception {
		assertThat(headers(echo("/echo", "x-team", "red"))).doesNotContainKey("x-team");
	}

	@Test
	void headersOfOtherProvidersAreRemovedWhateverTheirMode() throws Exception {
		Map<String, Object> partner = echo("/echo", "Authorization",
				"Bearer " + partnerToken().claim("tenant", "t-1").signWith(PARTNER_KEY), "x-team", "red", "x-company",
				"solo.io", "x-tenant", "spoofed");
		assertThat(headers(partner)).containsEntry("x-tenant", List.of("t-1"))
			.doesNotContainKeys("x-team", "x-company");
		Map<String, Object> corpEcho = echo("/echo", "Authorization", "Bearer " + corpToken().signWith(CORP_KEY),
				"x-tenant", "spoofed");
		assertThat(headers(corpEcho)).doesNotContainKey("x-tenant");
	}

	// Anti-spoofing of names that CGI and WSGI upstreams read alike (X_Company and
	// X-Company are both HTTP_X_COMPANY)

	@Test
	void claimHeaderSpelledWithUnderscoresIsRemovedNextToTheDerivedOne() throws Exception {
		String token = corpToken().claim("org", "solo.io").claim("level", 3).signWith(CORP_KEY);
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + token, "X_Company", "spoofed", "x_LEVEL",
				"9", "X_Team", "red");
		assertThat(headers(echo)).containsEntry("x-company", List.of("solo.io"))
			.containsEntry("x-level", List.of("3"))
			.doesNotContainKeys("x_company", "x_level", "x_team");
		assertThat(echo.toString()).doesNotContain("spoofed");
	}

	@Test
	void claimHeaderSpelledWithUnderscoresIsRemovedFromAnonymousRequestsAndForOtherProviders() throws Exception {
		assertThat(headers(echo("/echo", "X_Company", "solo.io", "x_tenant", "spoofed")))
			.doesNotContainKeys("x_company", "x_tenant");
		assertThat(body("/api/greeting", "X_Company", "solo.io")).isEqualTo("primary");
		String partner = partnerToken().claim("tenant", "t-1").signWith(PARTNER_KEY);
		assertThat(headers(
				echo("/echo", "Authorization", "Bearer " + partner, "x_company", "solo.io", "X_Tenant", "spoofed")))
			.containsEntry("x-tenant", List.of("t-1"))
			.doesNotContainKeys("x_company", "x_tenant");
		assertThat(headers(echo("/disabled/echo", "X_Company", "solo.io"))).doesNotContainKey("x_company");
	}

	// keep-token

	@Test
	void keptTokenStaysVisible() throws Exception {
		String token = corpToken().signWith(CORP_KEY);
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + token);
		assertThat(echo.get("principal")).isEqualTo("alice");
		assertThat(headers(echo)).containsEntry("authorization", List.of("Bearer " + token));
	}

	@Test
	void hiddenTokenIsRemovedFromTheAuthorizationHeader() throws Exception {
		Map<String, Object> echo = echo("/echo", "Authorization", "Bearer " + partnerToken().signWith(PARTNER_KEY),
				"x-other", "kept");
		assertThat(echo.get("principal")).isEqualTo("bob");
		assertThat(headers(echo)).doesNotContainKey("authorization").containsEntry("x-other", List.of("kept"));
	}

	@Test
	void hiddenTokenIsRemovedFromACustomHeader() throws Exception {
		Map<String, Object> echo = echo("/echo", "x-partner-token", partnerToken().signWith(PARTNER_KEY));
		assertThat(echo.get("principal")).isEqualTo("bob");
		assertThat(headers(echo)).doesNotContainKey("x-partner-token");
	}

	@Test
	void hiddenTokenIsRemovedFromTheQuery() throws Exception {
		String token = partnerToken().signWith(PARTNER_KEY);
		Map<String, Object> echo = echo("/echo?before=1&access_token=" + token + "&after=2");
		assertThat(echo.get("principal")).isEqualTo("bob");
		assertThat(echo.get("query")).isEqualTo("before=1&after=2");
		assertThat(echo.get("parameters")).isEqualTo(Map.of("before", List.of("1"), "after", List.of("2")));
		assertThat(echo.get("parameterNames")).isEqualTo(List.of("before", "after"));
		assertThat(echo.toString()).doesNotContain(token);
	}

	@Test
	void hiddenTokenIsRemovedFromTheCookies() throws Exception {
		String token = partnerToken().signWith(PARTNER_KEY);
		Map<String, Object> echo = echo("/echo", "Cookie", "theme=dark; partner_jwt=" + token + "; lang=en");
		assertThat(echo.get("principal")).isEqualTo("bob");
		assertThat(echo.get("cookies")).isEqualTo(List.of("theme=dark", "lang=en"));
		assertThat(headers(echo)).containsEntry("cookie", List.of("theme=dark; lang=en"));
		assertThat(echo.toString()).doesNotContain(token);
	}

	@Test
	void hiddenTokenAloneInTheCookieHeaderRemovesTheHeader() throws Exception {
		Map<String, Object> echo = echo("/echo", "Cookie", "partner_jwt=" + partnerToken().signWith(PARTNER_KEY));
		assertThat(echo.get("cookies")).isEqualTo(List.of());
		assertThat(headers(echo)).doesNotContainKey("cookie");
	}

}
