package io.github.jwtstarter.web.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JwtAuthenticationWebFilter}, the reactive adapter of the request flow, on single
 * mock exchanges with tokens signed by real keys: how each outcome of the flow
 * ({@code JwtRequestFlowTests} covers which request gets which) reaches the reactive
 * stack (the security context, exchange attributes, the shaped exchange, the problem
 * responses), where a verification runs, and that the chain's own errors pass through.
 */
class JwtAuthenticationWebFilterTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final TokenResolver RESOLVER = new TokenResolver(Map.of("corp",
			Set.of(TokenLocation.bearerHeader(), TokenLocation.dpopHeader(), TokenLocation.queryParam("access_token"),
					TokenLocation.cookie("corp_token")),
			"partner", Set.of(TokenLocation.bearerHeader(), TokenLocation.header("X-Partner-Token", ""))));

	static final JwtRoutes ROUTES = new JwtRoutes(List.of(
			new JwtRoute(List.of("/health/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of(), true),
			new JwtRoute(List.of("/public/**"), Set.of(), ValidationPolicy.ALLOW_MISSING, Set.of(), false),
			new JwtRoute(List.of("/optional/**"), Set.of(), ValidationPolicy.ALLOW_MISSING_OR_FAILED, Set.of(), false),
			new JwtRoute(List.of("/partners/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of("partner"), false)),
			JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID));

	static TestVerifiers verifiers;

	static JwtVerifier verifier;

	final List<String> customized = new CopyOnWriteArrayList<>();

	final JwtExchangeCustomizer recordingCustomizer = (exchange, verified, token) -> {
		this.customized.add((verified != null) ? verified.provider().getId() : "anonymous");
		return exchange;
	};

	final JwtAuthenticationWebFilter filter = new JwtAuthenticationWebFilter(flow(), new RequestShaping(Map.of()),
			new JwtServerProblemResponses(), this.recordingCustomizer);

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

	static JwtRequestFlow flow() {
		return new JwtRequestFlow(ROUTES, RESOLVER, verifier, null);
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").scope("pets.read");
	}

	static TestJwts expiredCorp() {
		return corp().issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(10)));
	}

	static MockServerHttpRequest.BaseBuilder<?> get(String path, String token) {
		return MockServerHttpRequest.get(path).header("Authorization", "Bearer " + token);
	}

	MockServerWebExchange filter(MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		this.filter.filter(exchange, this.chain).block(TIMEOUT);
		return exchange;
	}

	void assertRejected(MockServerWebExchange exchange, String challenge) {
		MockServerHttpResponse response = exchange.getResponse();
		assertThat(this.chain.calls).hasValue(0);
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().get("WWW-Authenticate")).containsExactly(challenge);
		assertThat(response.getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
	}

	void assertInvalidToken(MockServerWebExchange exchange, String description) {
		assertRejected(exchange, "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
	}

	void assertAnonymous(MockServerWebExchange exchange) {
		assertThat(this.chain.calls).hasValue(1);
		assertThat(this.chain.authentication).isNull();
		assertThat(this.customized).containsExactly("anonymous");
		assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isNull();
	}

	@Test
	void constructorWhenArgumentNullThenException() {
		JwtRequestFlow flow = flow();
		RequestShaping shaping = new RequestShaping(Map.of());
		JwtServerProblemResponses responses = new JwtServerProblemResponses();
		JwtExchangeCustomizer none = JwtExchangeCustomizer.NONE;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationWebFilter(null, shaping, responses, none))
			.withMessage("flow cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationWebFilter(flow, null, responses, none))
			.withMessage("shaping cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtAuthenticationWebFilter(flow, shaping, null, none))
			.withMessage("responses cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationWebFilter(flow, shaping, responses, null))
			.withMessage("exchangeCustomizer cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtAuthenticationWebFilter(flow, shaping, responses, none, null))
			.withMessage("verificationScheduler cannot be null");
	}

	@Test
	void requestWithoutTokenIsRejectedWith401AndABareChallenge() {
		assertRejected(filter(MockServerHttpRequest.get("/api/pets")), "Bearer");
		assertThat(this.customized).isEmpty();
	}

	@Test
	void validTokenReachesTheChainOnceWithItsProvidersAuthentication() {
		MockServerWebExchange exchange = filter(get("/api/pets", corp().signWith(CORP_KEY)));
		assertThat(this.chain.calls).hasValue(1);
		assertThat(this.chain.authentication).isInstanceOfSatisfying(ProviderJwtAuthenticationToken.class,
				(authentication) -> {
					assertThat(authentication.getName()).isEqualTo("alice");
					assertThat(authentication.getProviderId()).isEqualTo("corp");
					assertThat(authentication.getAuthorities()).extracting("authority")
						.containsExactly("SCOPE_pets.read");
				});
		assertThat(exchange.<String>getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE)).isEqualTo("corp");
		assertThat(exchange.<Authentication>getAttribute(JwtAuthentications.AUTHENTICATION_ATTRIBUTE))
			.isSameAs(this.chain.authentication);
		assertThat(this.customized).containsExactly("corp");
		assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isNull();
	}

	@Test
	void expiredTokenIsRejectedWith401AndNothingOfTheTokenIsEchoed() {
		String token = expiredCorp().claim("marker", "ECHO-ME").signWith(CORP_KEY);
		MockServerWebExchange exchange = filter(get("/api/pets", token));
		assertInvalidToken(exchange, "expired");
		String written = exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")
				+ exchange.getResponse().getBodyAsString().block(TIMEOUT);
		for (String part : token.split("\\.")) {
			assertThat(written).doesNotContain(part);
		}
		assertThat(written).doesNotContain("ECHO-ME").doesNotContain("alice");
	}

	@Test
	void garbageAndOversizedTokensAreRejectedWith401NeverAServerError() {
		assertInvalidToken(filter(get("/api/pets", "not-a-jwt")), "malformed token");
		assertInvalidToken(filter(get("/api/pets", "a".repeat(5000))), "token too large");
	}

	@Test
	void allowMissingLetsARequestWithoutTokenPassAnonymously() {
		assertAnonymous(filter(MockServerHttpRequest.get("/public/hello")));
	}

	@Test
	void allowMissingOrFailedPassesAFailedTokenOnAnonymouslyWithoutTheTokenAndWithItsReason() {
		String token = expiredCorp().signWith(CORP_KEY);
		MockServerWebExchange exchange = filter(MockServerHttpRequest.get("/optional/x")
			.header("Authorization", "DPoP " + token)
			.header("DPoP", "proof")
			.queryParam("access_token", token)
			.queryParam("page", "2")
			.cookie(new HttpCookie("corp_token", token), new HttpCookie("theme", "dark")));
		assertAnonymous(exchange);
		ServerHttpRequest passedOn = this.chain.exchange.getRequest();
		assertThat(passedOn.getHeaders().get("Authorization")).isNull();
		assertThat(passedOn.getHeaders().get("DPoP")).isNull();
		assertThat(passedOn.getURI().getRawQuery()).isEqualTo("page=2");
		assertThat(passedOn.getQueryParams()).containsOnlyKeys("page");
		assertThat(passedOn.getCookies()).containsOnlyKeys("theme");
		assertThat(exchange.<JwtFailure>getAttribute(JwtRequestFlow.FAILURE_ATTRIBUTE)).isEqualTo(JwtFailure.EXPIRED);
		this.customized.clear();
		this.chain.calls.set(0);
		assertAnonymous(filter(get("/optional/x", "not-a-jwt")));
	}

	@Test
	void failedTokenLeavesTheRequestAnonymousWhateverTheSecurityContextHeld() {
		MockServerWebExchange exchange = MockServerWebExchange.from(get("/optional/x", "not-a-jwt"));
		this.filter.filter(exchange, this.chain)
			.contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(UsernamePasswordAuthenticationToken.authenticated("session-user", null, List.of())))
			.block(TIMEOUT);
		assertAnonymous(exchange);
	}

	@Test
	void disabledRouteSkipsTokenProcessingEvenForAnInvalidToken() {
		MockServerWebExchange exchange = filter(get("/health/liveness", "not-a-jwt"));
		assertAnonymous(exchange);
		assertThat(exchange.<String>getAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE)).isNull();
	}

	@Test
	void routesMatchThePathWithinTheApplication() {
		assertAnonymous(filter(MockServerHttpRequest.get("/app/health/liveness").contextPath("/app")));
	}

	@Test
	void crossSiteRequestAuthenticatedByACookieIsRefusedWith403() {
		MockServerWebExchange exchange = filter(MockServerHttpRequest.post("/api/pets")
			.cookie(new HttpCookie("corp_token", corp().signWith(CORP_KEY)))
			.header("Origin", "https://evil.example"));
		assertThat(this.chain.calls).hasValue(0);
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(403);
		assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"");
	}

	@Test
	void rejectedTokenPresentedWithTheDPoPSchemeGetsADPoPChallenge() {
		MockServerWebExchange exchange = filter(MockServerHttpRequest.get("/api/pets")
			.header("Authorization", "DPoP " + corp().signWith(TestKeys.rsa("corp-1"))));
		assertRejected(exchange, "DPoP error=\"invalid_token\", error_description=\"invalid signature\", "
				+ "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"");
	}

	@Test
	void errorOfTheRestOfTheChainPropagatesUnchangedAndTheChainRunsOnce() {
		IllegalStateException failure = new IllegalStateException("downstream failure");
		this.chain.failWith(failure);
		MockServerWebExchange exchange = MockServerWebExchange.from(get("/api/pets", corp().signWith(CORP_KEY)));
		StepVerifier.create(this.filter.filter(exchange, this.chain))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(failure))
			.verify(TIMEOUT);
		assertThat(this.chain.calls).hasValue(1);
		assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isNull();
	}

	@Test
	void errorOfTheRestOfTheChainOnAnAnonymousRequestPropagatesUnchanged() {
		IllegalStateException failure = new IllegalStateException("downstream failure");
		this.chain.failWith(failure);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/public/hello"));
		StepVerifier.create(this.filter.filter(exchange, this.chain))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(failure))
			.verify(TIMEOUT);
		assertThat(this.chain.calls).hasValue(1);
	}

	@Test
	void tokenThatNeedsVerificationIsVerifiedOnTheGivenSchedulerAndACachedOneInline() {
		Scheduler verification = Schedulers.newSingle("jwt-verification-test");
		try {
			JwtAuthenticationWebFilter filter = new JwtAuthenticationWebFilter(flow(), new RequestShaping(Map.of()),
					new JwtServerProblemResponses(), JwtExchangeCustomizer.NONE, verification);
			String token = corp().subject("scheduled-" + System.nanoTime()).signWith(CORP_KEY);
			filter.filter(MockServerWebExchange.from(get("/api/pets", token)), this.chain).block(TIMEOUT);
			filter.filter(MockServerWebExchange.from(get("/api/pets", token)), this.chain).block(TIMEOUT);
			assertThat(this.chain.threads).hasSize(2);
			assertThat(this.chain.threads.get(0)).startsWith("jwt-verification-test");
			assertThat(this.chain.threads.get(1)).isEqualTo(Thread.currentThread().getName());
		}
		finally {
			verification.dispose();
		}
	}

	/**
	 * The rest of the chain: counts how often it runs, records the authentication and the
	 * thread it ran with, and fails when told to.
	 */
	static final class RecordingChain implements WebFilterChain {

		final AtomicInteger calls = new AtomicInteger();

		volatile @Nullable ServerWebExchange exchange;

		final List<String> threads = new CopyOnWriteArrayList<>();

		volatile @Nullable Authentication authentication;

		volatile @Nullable Throwable failure;

		void failWith(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange) {
			return Mono.defer(() -> {
				this.calls.incrementAndGet();
				this.exchange = exchange;
				this.threads.add(Thread.currentThread().getName());
				return ReactiveSecurityContextHolder.getContext()
					.map(SecurityContext::getAuthentication)
					.doOnNext((authentication) -> this.authentication = authentication)
					.then((this.failure != null) ? Mono.error(this.failure) : Mono.empty());
			});
		}

	}

}
