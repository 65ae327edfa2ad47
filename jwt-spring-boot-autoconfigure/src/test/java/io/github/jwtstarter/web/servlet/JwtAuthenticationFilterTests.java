package io.github.jwtstarter.web.servlet;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TestVerifiers;
import io.github.jwtstarter.web.JwtRequestFlow;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.ValidationPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link JwtAuthenticationFilter}, the servlet adapter of the request flow, on single
 * mock requests with tokens signed by real keys: how each outcome of the flow
 * ({@code JwtRequestFlowTests} covers which request gets which) reaches the servlet stack
 * (the security context, request attributes, the shaped request, the problem responses),
 * and that the chain's own failures pass through untouched.
 */
class JwtAuthenticationFilterTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final TokenLocation PARTNER_HEADER = TokenLocation.header("X-Partner-Token", "");

	static final TokenResolver RESOLVER = new TokenResolver(Map.of("corp",
			Set.of(TokenLocation.bearerHeader(), TokenLocation.dpopHeader(), TokenLocation.queryParam("access_token"),
					TokenLocation.cookie("corp_token")),
			"partner", Set.of(TokenLocation.bearerHeader(), PARTNER_HEADER)));

	static final JwtRoutes ROUTES = new JwtRoutes(List.of(
			new JwtRoute(List.of("/health/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of(), true),
			new JwtRoute(List.of("/public/**"), Set.of(), ValidationPolicy.ALLOW_MISSING, Set.of(), false),
			new JwtRoute(List.of("/optional/**"), Set.of(), ValidationPolicy.ALLOW_MISSING_OR_FAILED, Set.of(), false),
			new JwtRoute(List.of("/partners/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of("partner"), false)),
			JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID));

	static TestVerifiers verifiers;

	static JwtVerifier verifier;

	final List<String> customized = new ArrayList<>();

	final JwtRequestCustomizer recordingCustomizer = (request, verified, token) -> {
		this.customized.add((verified != null) ? verified.provider().getId() : "anonymous");
		return new HttpServletRequestWrapper(request);
	};

	final JwtAuthenticationFilter filter = new JwtAuthenticationFilter(
			new JwtRequestFlow(ROUTES, RESOLVER, verifier, null), new RequestShaping(Map.of()),
			new JwtProblemResponses(), this.recordingCustomizer);

	final MockHttpServletResponse response = new MockHttpServletResponse();

	final RecordingChain chain = new RecordingChain();

	@BeforeAll
	static void startVerifier() {
		verifiers = TestVerifiers.start("jwt.max-token-size=4KB", "jwt.providers.corp.issuer=https://corp.example",
				"jwt.providers.corp.jwks.local=" + TestKeys.toPem(CORP_KEY),
				"jwt.providers.partner.issuer=https://partner.example",
				"jwt.providers.partner.jwks.local=" + TestKeys.toPem(PARTNER_KEY));
		verifier = verifiers.verifier();
	}

	@AfterAll
	static void stopVerifier() {
		verifiers.close();
	}

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").scope("pets.read");
	}

	static String partnerToken() {
		return TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY);
	}

	static MockHttpServletRequest get(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	static MockHttpServletRequest get(String path, String token) {
		MockHttpServletRequest request = get(path);
		request.addHeader("Authorization", "Bearer " + token);
		return request;
	}

	void doFilter(HttpServletRequest request) throws ServletException, IOException {
		this.filter.doFilter(request, this.response, this.chain);
	}

	void assertRejected(String challenge) {
		assertThat(this.chain.calls).isZero();
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate")).isEqualTo(challenge);
		assertThat(this.response.getContentType()).isEqualTo("application/problem+json");
	}

	void assertInvalidToken(String description) {
		assertRejected("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
	}

	void assertAnonymous() {
		assertThat(this.chain.calls).isOne();
		assertThat(this.chain.authentication).isNull();
		assertThat(this.customized).containsExactly("anonymous");
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	@Test
	void constructorWhenArgumentNullThenException() {
		JwtRequestFlow flow = new JwtRequestFlow(ROUTES, RESOLVER, verifier, null);
		RequestShaping shaping = new RequestShaping(Map.of());
		JwtProblemResponses responses = new JwtProblemResponses();
		JwtRequestCustomizer none = JwtRequestCustomizer.NONE;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationFilter(null, shaping, responses, none))
			.withMessage("flow cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtAuthenticationFilter(flow, null, responses, none))
			.withMessage("shaping cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtAuthenticationFilter(flow, shaping, null, none))
			.withMessage("responses cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationFilter(flow, shaping, responses, null))
			.withMessage("requestCustomizer cannot be null");
	}

	@Test
	void requestWithoutTokenIsRejectedWith401AndABareChallenge() throws Exception {
		doFilter(get("/api/pets"));
		assertRejected("Bearer");
		assertThat(this.customized).isEmpty();
	}

	@Test
	void validTokenReachesTheChainOnceAsItsProvidersAuthentication() throws Exception {
		MockHttpServletRequest request = get("/api/pets", corp().signWith(CORP_KEY));
		doFilter(request);
		assertThat(this.chain.calls).isOne();
		assertThat(this.chain.request).isInstanceOf(HttpServletRequestWrapper.class);
		assertThat(this.chain.authentication).isInstanceOfSatisfying(ProviderJwtAuthenticationToken.class,
				(authentication) -> {
					assertThat(authentication.getName()).isEqualTo("alice");
					assertThat(authentication.getProviderId()).isEqualTo("corp");
					assertThat(authentication.getAuthorities()).extracting("authority")
						.containsExactly("SCOPE_pets.read");
				});
		assertThat(request.getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE)).isEqualTo("corp");
		assertThat(this.customized).containsExactly("corp");
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	@Test
	void expiredTokenIsRejectedWith401AndNothingOfTheTokenIsEchoed() throws Exception {
		String token = corp().claim("marker", "ECHO-ME")
			.issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.signWith(CORP_KEY);
		doFilter(get("/api/pets", token));
		assertInvalidToken("expired");
		String written = this.response.getHeader("WWW-Authenticate") + this.response.getContentAsString();
		for (String part : token.split("\\.")) {
			assertThat(written).doesNotContain(part);
		}
		assertThat(written).doesNotContain("ECHO-ME").doesNotContain("alice");
	}

	@Test
	void garbageAndOversizedTokensAreRejectedWith401NeverAServerError() throws Exception {
		doFilter(get("/api/pets", "not-a-jwt"));
		assertInvalidToken("malformed token");
		MockHttpServletResponse oversized = new MockHttpServletResponse();
		this.filter.doFilter(get("/api/pets", "a".repeat(5000)), oversized, this.chain);
		assertThat(oversized.getStatus()).isEqualTo(401);
		assertThat(oversized.getHeader("WWW-Authenticate")).contains("error_description=\"token too large\"");
		assertThat(this.chain.calls).isZero();
	}

	@Test
	void allowMissingLetsARequestWithoutTokenPassAnonymously() throws Exception {
		doFilter(get("/public/hello"));
		assertAnonymous();
	}

	@Test
	void allowMissingOrFailedPassesAFailedTokenOnAnonymouslyWithoutTheTokenAndWithItsReason() throws Exception {
		String token = corp().expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
		MockHttpServletRequest request = get("/optional/x", token);
		request.setQueryString("access_token=" + token + "&page=2");
		request.addParameter("access_token", token);
		request.setCookies(new Cookie("corp_token", token));
		doFilter(request);
		assertAnonymous();
		HttpServletRequest passedOn = (HttpServletRequest) this.chain.request;
		assertThat(passedOn.getHeader("Authorization")).isNull();
		assertThat(passedOn.getQueryString()).isEqualTo("page=2");
		assertThat(passedOn.getParameter("access_token")).isNull();
		assertThat(passedOn.getCookies()).isNull();
		assertThat(request.getAttribute(JwtRequestFlow.FAILURE_ATTRIBUTE)).isEqualTo(JwtFailure.EXPIRED);
		assertThat(request.getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE)).isNull();
	}

	@Test
	void failedTokenLeavesTheRequestAnonymousWhateverTheSecurityContextHeld() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("session-user", null, List.of()));
		doFilter(get("/optional/x", "not-a-jwt"));
		assertAnonymous();
	}

	@Test
	void failedTokenStaysRemovedOnTheErrorDispatch() throws Exception {
		String token = corp().expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.signWith(CORP_KEY);
		MockHttpServletRequest request = get("/optional/x", token);
		doFilter(request);
		request.setDispatcherType(DispatcherType.ERROR);
		RecordingChain errorChain = new RecordingChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), errorChain);
		assertThat(((HttpServletRequest) errorChain.request).getHeader("Authorization")).isNull();
	}

	@Test
	void disabledRouteSkipsTokenProcessingEvenForAnInvalidToken() throws Exception {
		MockHttpServletRequest request = get("/health/liveness", "not-a-jwt");
		doFilter(request);
		assertAnonymous();
		assertThat(request.getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE)).isNull();
	}

	@Test
	void routesMatchThePathWithinTheApplication() throws Exception {
		MockHttpServletRequest request = get("/app/health/liveness");
		request.setContextPath("/app");
		doFilter(request);
		assertAnonymous();
	}

	@Test
	void crossSiteRequestAuthenticatedByACookieIsRefusedWith403() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/pets");
		request.setCookies(new Cookie("corp_token", corp().signWith(CORP_KEY)));
		request.addHeader("Origin", "https://evil.example");
		doFilter(request);
		assertThat(this.chain.calls).isZero();
		assertThat(this.response.getStatus()).isEqualTo(403);
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"");
	}

	@Test
	void rejectedTokenPresentedWithTheDPoPSchemeGetsADPoPChallenge() throws Exception {
		MockHttpServletRequest request = get("/api/pets");
		request.addHeader("Authorization", "DPoP " + corp().signWith(TestKeys.rsa("corp-1")));
		doFilter(request);
		assertThat(this.chain.calls).isZero();
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate")).isEqualTo(
				"DPoP error=\"invalid_token\", error_description=\"invalid signature\", algs=\"ES256 ES384 ES512 "
						+ "PS256 PS384 PS512 RS256 RS384 RS512\"");
	}

	@Test
	void exceptionOfTheRestOfTheChainPropagatesUnchangedAndTheChainRunsOnce() throws Exception {
		IllegalStateException failure = new IllegalStateException("downstream failure");
		this.chain.failWith(failure);
		assertThatIllegalStateException().isThrownBy(() -> doFilter(get("/api/pets", corp().signWith(CORP_KEY))))
			.isSameAs(failure);
		assertThat(this.chain.calls).isOne();
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getHeader("WWW-Authenticate")).isNull();
	}

	@Test
	void servletExceptionOfTheRestOfTheChainPropagatesUnchanged() throws Exception {
		ServletException failure = new ServletException("downstream failure");
		this.chain.failWith(failure);
		MockHttpServletRequest request = get("/public/hello");
		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> doFilter(request)).isSameAs(failure);
		assertThat(this.chain.calls).isOne();
	}

	@Test
	void filterAppliedTwiceToOneRequestProcessesTheTokenOnce() throws Exception {
		MockHttpServletRequest request = get("/api/pets", corp().signWith(CORP_KEY));
		MockFilterChain inner = new MockFilterChain();
		this.filter.doFilter(request, this.response, (req, res) -> this.filter.doFilter(req, res, inner));
		assertThat(inner.getRequest()).isNotNull();
		assertThat(this.customized).containsExactly("corp");
	}

	/**
	 * The rest of the chain: counts its calls, records what it received, and fails when
	 * told to.
	 */
	static final class RecordingChain implements FilterChain {

		int calls;

		@Nullable ServletRequest request;

		@Nullable Authentication authentication;

		@Nullable Exception failure;

		void failWith(Exception failure) {
			this.failure = failure;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
			this.calls++;
			this.request = request;
			this.authentication = SecurityContextHolder.getContext().getAuthentication();
			if (this.failure instanceof ServletException servlet) {
				throw servlet;
			}
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
		}

	}

}
