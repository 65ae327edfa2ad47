package io.github.jwtstarter.web;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.FailedJwtAuthentication;
import io.github.jwtstarter.authentication.JwtAuthenticationSet;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.VerifiedTokenCache;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TestVerifiers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The request flow that every web stack adapts, on requests described stack-neutrally
 * ({@link TokenRequest}), with tokens signed by real keys and verified by the
 * auto-configured verifier: which outcome each request gets, and the authentication
 * events it publishes. The servlet and reactive filters only translate these outcomes
 * ({@code JwtAuthenticationFilterTests}, {@code JwtAuthenticationWebFilterTests}).
 */
class JwtRequestFlowTests {

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

	final RecordingEvents events = new RecordingEvents();

	final JwtRequestFlow flow = new JwtRequestFlow(ROUTES, RESOLVER, verifier, this.events);

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

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").scope("pets.read");
	}

	static String expiredCorp() {
		return corp().issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.signWith(CORP_KEY);
	}

	static String partnerToken() {
		return TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY);
	}

	static Request get(String path) {
		return new Request("GET", path);
	}

	static Request get(String path, String token) {
		return get(path).header("Authorization", "Bearer " + token);
	}

	JwtFailure rejectedFor(Request request) {
		JwtOutcome outcome = this.flow.authenticate(request);
		assertThat(outcome).isInstanceOf(JwtOutcome.Rejected.class);
		return ((JwtOutcome.Rejected) outcome).failure();
	}

	@Test
	void constructorWhenArgumentNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtRequestFlow(null, RESOLVER, verifier, null))
			.withMessage("routes cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtRequestFlow(ROUTES, null, verifier, null))
			.withMessage("tokenResolver cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtRequestFlow(ROUTES, RESOLVER, null, null))
			.withMessage("verifier cannot be null");
	}

	@Test
	void requestWithoutTokenIsRejectedAsMissingAndPublishesNoEvent() {
		assertThat(this.flow.authenticate(get("/api/pets"))).isEqualTo(new JwtOutcome.Rejected(null, false));
		assertThat(this.events.published).isEmpty();
	}

	@Test
	void validTokenIsAuthenticatedAsItsProvidersAuthenticationAndPublishedAsASuccess() {
		String token = corp().signWith(CORP_KEY);
		JwtOutcome outcome = this.flow.authenticate(get("/api/pets", token));
		assertThat(outcome).isInstanceOfSatisfying(JwtOutcome.Authenticated.class, (authenticated) -> {
			assertThat(authenticated.verified().provider().getId()).isEqualTo("corp");
			assertThat(authenticated.token().token()).isEqualTo(token);
			assertThat(authenticated.token().locations()).containsExactly(TokenLocation.bearerHeader());
			assertThat(authenticated.verified().authentication())
				.isInstanceOfSatisfying(ProviderJwtAuthenticationToken.class, (authentication) -> {
					assertThat(authentication.getName()).isEqualTo("alice");
					assertThat(authentication.getProviderId()).isEqualTo("corp");
				});
		});
		assertThat(this.events.published).containsExactly("success alice");
	}

	@Test
	void rejectedTokenIsPublishedAsAFailureWithItsProviderAndReasonNeverTheToken() {
		String token = expiredCorp();
		assertThat(rejectedFor(get("/api/pets", token))).isEqualTo(JwtFailure.EXPIRED);
		assertThat(this.events.published).containsExactly("failure corp {provider=corp, reason=expired} expired");
		assertThat(this.events.failures).singleElement().satisfies((failure) -> {
			assertThat(failure).isInstanceOf(FailedJwtAuthentication.class);
			assertThat(failure.getCredentials()).isEqualTo("");
			assertThat(failure.toString()).doesNotContain(token.split("\\.")[1]);
		});
	}

	@Test
	void tokenOfAnUnknownIssuerIsRejectedAndItsFailureNamesNoProvider() {
		assertThat(rejectedFor(get("/api/pets", TestJwts.issuer("https://evil.example").signWith(CORP_KEY))))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(this.events.published)
			.containsExactly("failure unknown {provider=unknown, reason=unknown_issuer} unknown issuer");
	}

	@Test
	void tokenSignedByAnotherKeyIsRejectedWithInvalidSignature() {
		assertThat(rejectedFor(get("/api/pets", corp().signWith(TestKeys.rsa("corp-1")))))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void garbageEmptyAndOversizedTokensAreRejectedNeverThrown() {
		assertThat(rejectedFor(get("/api/pets", "not-a-jwt"))).isEqualTo(JwtFailure.MALFORMED);
		assertThat(rejectedFor(get("/api/pets").header("Authorization", "Bearer "))).isEqualTo(JwtFailure.MALFORMED);
		assertThat(rejectedFor(get("/api/pets", "a".repeat(5000)))).isEqualTo(JwtFailure.TOO_LARGE);
		assertThat(rejectedFor(get("/api/pets").query("access_token=%zz"))).isEqualTo(JwtFailure.MALFORMED);
	}

	@Test
	void twoDifferentTokensOrTwoAuthorizationHeadersAreRejectedAsMultipleTokens() {
		String token = corp().signWith(CORP_KEY);
		assertThat(rejectedFor(
				get("/api/pets", token).query("access_token=" + corp().subject("mallory").signWith(CORP_KEY))))
			.isEqualTo(JwtFailure.MULTIPLE_TOKENS);
		assertThat(rejectedFor(get("/api/pets", token).header("Authorization", "Bearer " + token)))
			.isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void sameTokenInTwoLocationsOfItsProviderIsAuthenticated() {
		String token = corp().signWith(CORP_KEY);
		assertThat(this.flow.authenticate(get("/api/pets", token).cookie("corp_token", token))).isInstanceOfSatisfying(
				JwtOutcome.Authenticated.class, (authenticated) -> assertThat(authenticated.token().locations())
					.containsExactlyInAnyOrder(TokenLocation.bearerHeader(), TokenLocation.cookie("corp_token")));
	}

	@Test
	void tokenInALocationItsProviderDoesNotReadIsRejectedAndInItsOwnHeaderAccepted() {
		assertThat(rejectedFor(get("/api/pets").cookie("corp_token", partnerToken())))
			.isEqualTo(JwtFailure.PROVIDER_NOT_ALLOWED);
		assertThat(this.flow.authenticate(get("/api/pets").header("X-Partner-Token", partnerToken())))
			.isInstanceOfSatisfying(JwtOutcome.Authenticated.class,
					(authenticated) -> assertThat(authenticated.verified().provider().getId()).isEqualTo("partner"));
	}

	@Test
	void allowMissingLetsARequestWithoutTokenContinueAnonymouslyButRejectsAnInvalidOne() {
		assertThat(this.flow.authenticate(get("/public/hello"))).isEqualTo(new JwtOutcome.Anonymous(null, List.of()));
		assertThat(rejectedFor(get("/public/hello", corp().signWith(TestKeys.rsa("corp-1")))))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void allowMissingOrFailedLetsAFailedTokenContinueAnonymouslyNamingTheTokenToRemove() {
		String token = expiredCorp();
		JwtOutcome outcome = this.flow.authenticate(get("/optional/x", token).cookie("corp_token", token));
		assertThat(outcome).isEqualTo(new JwtOutcome.Anonymous(JwtFailure.EXPIRED, List
			.of(new ResolvedToken(token, Set.of(TokenLocation.bearerHeader(), TokenLocation.cookie("corp_token"))))));
		assertThat(this.events.published).singleElement().asString().startsWith("failure corp");
	}

	@Test
	void allowMissingOrFailedStillAuthenticatesAValidToken() {
		assertThat(this.flow.authenticate(get("/optional/x", corp().signWith(CORP_KEY))))
			.isInstanceOf(JwtOutcome.Authenticated.class);
	}

	@Test
	void allowMissingOrFailedLetsTwoTokensContinueAnonymouslyWithNothingToName() {
		String token = corp().signWith(CORP_KEY);
		assertThat(this.flow.authenticate(get("/optional/x", token).header("Authorization", "Bearer " + token)))
			.isEqualTo(new JwtOutcome.Anonymous(JwtFailure.MULTIPLE_TOKENS, List.of()));
	}

	@Test
	void disabledRouteSkipsTokenProcessingEvenForAnInvalidToken() {
		assertThat(this.flow.authenticate(get("/health/liveness", "not-a-jwt"))).isInstanceOf(JwtOutcome.Skipped.class);
		assertThat(this.events.published).isEmpty();
	}

	@Test
	void corsPreflightSkipsTokenProcessing() {
		Request preflight = new Request("OPTIONS", "/api/pets").header("Origin", "https://spa.example")
			.header("Access-Control-Request-Method", "POST");
		assertThat(this.flow.authenticate(preflight)).isInstanceOf(JwtOutcome.Skipped.class);
		assertThat(rejectedFor(new Request("OPTIONS", "/api/pets").header("Origin", "https://spa.example"))).isNull();
	}

	@Test
	void routeLimitedToAProviderRejectsTheTokensOfOthers() {
		assertThat(rejectedFor(get("/partners/orders", corp().signWith(CORP_KEY))))
			.isEqualTo(JwtFailure.PROVIDER_NOT_ALLOWED);
	}

	@Test
	void crossSiteUnsafeRequestAuthenticatedOnlyByACookieIsRefused() {
		String token = corp().signWith(CORP_KEY);
		assertThat(this.flow.authenticate(new Request("POST", "/api/pets").cookie("corp_token", token)
			.header("Origin", "https://evil.example")
			.header("Host", "api.example"))).isInstanceOf(JwtOutcome.CrossSiteRefused.class);
		assertThat(this.flow.authenticate(new Request("POST", "/api/pets").cookie("corp_token", token)
			.header("Origin", "https://api.example")
			.header("Host", "api.example"))).isInstanceOf(JwtOutcome.Authenticated.class);
		assertThat(this.flow.authenticate(new Request("POST", "/api/pets").header("Authorization", "Bearer " + token)
			.header("Origin", "https://evil.example")
			.header("Host", "api.example"))).isInstanceOf(JwtOutcome.Authenticated.class);
	}

	@Test
	void rejectedTokenPresentedWithTheDPoPSchemeGetsADPoPChallenge() {
		JwtOutcome outcome = this.flow
			.authenticate(get("/api/pets").header("Authorization", "DPoP " + corp().signWith(TestKeys.rsa("corp-1"))));
		assertThat(outcome).isEqualTo(new JwtOutcome.Rejected(JwtFailure.BAD_SIGNATURE, true));
		assertThat(this.flow
			.authenticate(get("/api/pets").header("Authorization", "DPoP x").header("DPoP", "a").header("DPoP", "b")))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INVALID_DPOP_PROOF, false));
	}

	@Test
	void beginDecidesWithoutBlockingWhatNeedsNoVerificationAndLeavesTheRestToComplete() {
		String token = corp().subject("carol").signWith(CORP_KEY);
		JwtRequestFlow.Attempt first = this.flow.begin(get("/api/pets", token));
		assertThat(first.decided()).isNull();
		assertThat(this.events.published).isEmpty();
		assertThat(first.complete()).isInstanceOf(JwtOutcome.Authenticated.class);
		JwtRequestFlow.Attempt cached = this.flow.begin(get("/api/pets", token));
		assertThat(cached.decided()).isInstanceOf(JwtOutcome.Authenticated.class);
		assertThat(cached.complete()).isSameAs(cached.decided());
		assertThat(this.flow.begin(get("/api/pets")).decided()).isEqualTo(new JwtOutcome.Rejected(null, false));
		assertThat(this.flow.begin(get("/api/pets", "a".repeat(5000))).decided())
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.TOO_LARGE, false));
		assertThat(this.events.published).containsExactly("success carol", "success carol",
				"failure unknown {provider=unknown, reason=too_large} token too large");
	}

	@Test
	void withoutAnEventPublisherNothingIsPublished() {
		JwtRequestFlow quiet = new JwtRequestFlow(ROUTES, RESOLVER, verifier, null);
		assertThat(quiet.authenticate(get("/api/pets", corp().signWith(CORP_KEY))))
			.isInstanceOf(JwtOutcome.Authenticated.class);
		assertThat(quiet.authenticate(get("/api/pets", "not-a-jwt"))).isInstanceOf(JwtOutcome.Rejected.class);
		assertThat(this.events.published).isEmpty();
	}

	// DPoP proofs of a provider that shares its replay store with other replicas

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	/**
	 * A flow of its own whose {@code corp} provider records proof ids in a shared store:
	 * two such flows on one store are two replicas.
	 */
	JwtRequestFlow sharingFlow(DPoPReplayStore store, Duration timeout) {
		JwtProviderFactory factory = JwtProviderFactory.jdk(getClass().getClassLoader(), Clock.systemUTC());
		JwtProvider corp = factory.provider("corp", "https://corp.example")
			.keys(() -> factory.localKeys(TestKeys.toPem(CORP_KEY)))
			.authenticationConverter(
					new ProviderJwtAuthenticationConverter("corp", "sub", ClaimAuthoritiesConverter.scopes()))
			.dpopReplayStore(store, "test:", timeout)
			.build();
		JwtVerifier sharing = new JwtVerifier(new JwtProviderRegistry(List.of(corp)), 4096,
				new VerifiedTokenCache(100, Clock.systemUTC()), JwtVerificationListener.NONE);
		return new JwtRequestFlow(ROUTES, RESOLVER, sharing, this.events);
	}

	static Request dpop(String path, String token, String jti) {
		return get(path).header("Authorization", "DPoP " + token)
			.header("DPoP", client.proof("GET", "https://api.example" + path, token).jti(jti).sign());
	}

	static String boundCorp() {
		return corp().claim("cnf", client.confirmation()).signWith(CORP_KEY);
	}

	@Test
	void proofOfAProviderWithASharedStoreAwaitsItsReplayCheckBeforeItIsTrusted() {
		SharedStore store = new SharedStore();
		JwtRequestFlow replica = sharingFlow(store, Duration.ofSeconds(5));
		String token = boundCorp();
		JwtRequestFlow.Attempt attempt = replica.begin(dpop("/api/pets", token, "jti-1"));
		assertThat(attempt.decided()).isNull();
		JwtOutcome verified = attempt.complete();
		assertThat(verified).isInstanceOf(JwtOutcome.AwaitingReplayCheck.class);
		assertThat(store.keys).isEmpty();
		assertThat(this.events.published).isEmpty();
		assertThat(replica.recordProof((JwtOutcome.AwaitingReplayCheck) verified))
			.isInstanceOf(JwtOutcome.Authenticated.class);
		assertThat(store.keys).singleElement().asString().startsWith("test:");
		assertThat(this.events.published).containsExactly("success alice");
		JwtRequestFlow.Attempt cached = replica.begin(dpop("/api/pets", token, "jti-2"));
		assertThat(cached.decided()).as("a cached token still awaits its proof's replay check")
			.isInstanceOf(JwtOutcome.AwaitingReplayCheck.class);
	}

	@Test
	void proofAcceptedByOneReplicaIsRefusedByAnotherSharingTheStore() {
		SharedStore store = new SharedStore();
		String token = boundCorp();
		assertThat(sharingFlow(store, Duration.ofSeconds(5)).authenticate(dpop("/api/pets", token, "jti-1")))
			.isInstanceOf(JwtOutcome.Authenticated.class);
		JwtRequestFlow other = sharingFlow(store, Duration.ofSeconds(5));
		assertThat(other.authenticate(dpop("/api/pets", token, "jti-1")))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INVALID_DPOP_PROOF, true));
		assertThat(other.authenticate(dpop("/optional/x", token, "jti-1"))).isInstanceOfSatisfying(
				JwtOutcome.Anonymous.class,
				(anonymous) -> assertThat(anonymous.failure()).isEqualTo(JwtFailure.INVALID_DPOP_PROOF));
		assertThat(this.events.published).last().asString().startsWith("failure corp");
	}

	@Test
	void recordProofAsyncCompletesWithTheSameOutcomesWithoutThrowing() {
		SharedStore store = new SharedStore();
		JwtRequestFlow replica = sharingFlow(store, Duration.ofSeconds(5));
		String token = boundCorp();
		JwtOutcome first = replica.begin(dpop("/api/pets", token, "jti-1")).complete();
		assertThat(replica.recordProofAsync((JwtOutcome.AwaitingReplayCheck) first).toCompletableFuture().join())
			.isInstanceOf(JwtOutcome.Authenticated.class);
		JwtOutcome replayed = sharingFlow(store, Duration.ofSeconds(5)).begin(dpop("/api/pets", token, "jti-1"))
			.complete();
		assertThat(replica.recordProofAsync((JwtOutcome.AwaitingReplayCheck) replayed).toCompletableFuture().join())
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INVALID_DPOP_PROOF, true));
	}

	@Test
	void storeThatFailsOrDoesNotAnswerRefusesTheProofAsUnavailableWhateverThePolicy() {
		String token = boundCorp();
		DPoPReplayStore failing = (key, ttl) -> CompletableFuture.failedFuture(new IllegalStateException("down"));
		assertThat(sharingFlow(failing, Duration.ofSeconds(5)).authenticate(dpop("/optional/x", token, "jti-2")))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE, true));
		DPoPReplayStore silent = (key, ttl) -> new CompletableFuture<>();
		assertThat(sharingFlow(silent, Duration.ofMillis(50)).authenticate(dpop("/api/pets", token, "jti-3")))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE, true));
		DPoPReplayStore throwing = (key, ttl) -> {
			throw new IllegalStateException("no connection");
		};
		assertThat(sharingFlow(throwing, Duration.ofSeconds(5)).authenticate(dpop("/api/pets", token, "jti-4")))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE, true));
		assertThat(this.events.published).allSatisfy(
				(event) -> assertThat(event).startsWith("failure corp").contains("dpop_replay_store_unavailable"));
	}

	/**
	 * A replay store shared by flows in this test: the keys it was given, first use wins.
	 */
	static final class SharedStore implements DPoPReplayStore {

		final Set<String> keys = ConcurrentHashMap.newKeySet();

		@Override
		public CompletionStage<Boolean> putIfAbsent(String key, Duration ttl) {
			return CompletableFuture.completedFuture(this.keys.add(key));
		}

	}

	/**
	 * Routes with a requirement set: a user token of {@code corp} in
	 * {@code Authorization} and a workload token of {@code partner} in
	 * {@code X-Partner-Token}.
	 */
	JwtRequestFlow allOfFlow() {
		TokenResolver resolver = new TokenResolver(
				Map.of("corp", Set.of(TokenLocation.bearerHeader()), "partner", Set.of(PARTNER_HEADER)));
		JwtRoutes routes = new JwtRoutes(List.of(
				new JwtRoute(List.of("/optional/**"), Set.of(), ValidationPolicy.ALLOW_MISSING_OR_FAILED, Set.of(),
						false, List.of("corp", "partner")),
				new JwtRoute(List.of("/public/**"), Set.of(), ValidationPolicy.ALLOW_MISSING, Set.of(), false,
						List.of("corp", "partner")),
				new JwtRoute(List.of("/**"), Set.of(), ValidationPolicy.REQUIRE_VALID, Set.of(), false,
						List.of("corp", "partner"))),
				JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID));
		return new JwtRequestFlow(routes, resolver, verifier, this.events);
	}

	@Test
	void requirementSetAuthenticatesARequestCarryingAValidTokenOfEachProvider() {
		String user = corp().signWith(CORP_KEY);
		String workload = partnerToken();
		JwtOutcome outcome = allOfFlow().authenticate(get("/api/pets", user).header(PARTNER_HEADER.name(), workload));
		assertThat(outcome).isInstanceOfSatisfying(JwtOutcome.Authenticated.class, (authenticated) -> {
			assertThat(authenticated.verified().provider().getId()).isEqualTo("corp");
			assertThat(authenticated.others()).singleElement().satisfies((other) -> {
				assertThat(other.verified().provider().getId()).isEqualTo("partner");
				assertThat(other.token().token()).isEqualTo(workload);
			});
			assertThat(authenticated.authentication()).isInstanceOfSatisfying(JwtAuthenticationSet.class, (set) -> {
				assertThat(set.getName()).isEqualTo("alice");
				assertThat(set.getProviderId()).isEqualTo("corp");
				assertThat(set.getProviderIds()).containsExactly("corp", "partner");
				assertThat(set.byProvider("partner").getName()).isEqualTo("bob");
				assertThat(set.getAuthorities()).extracting("authority").contains("SCOPE_pets.read");
			});
		});
		assertThat(this.events.published).containsExactly("success alice");
	}

	@Test
	void requirementSetRejectsARequestMissingOneTokenNamingItsProvider() {
		JwtRequestFlow flow = allOfFlow();
		assertThat(flow.authenticate(get("/api/pets", corp().signWith(CORP_KEY))))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INCOMPLETE_SET, false, "partner"));
		assertThat(flow.authenticate(get("/api/pets").header(PARTNER_HEADER.name(), partnerToken())))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INCOMPLETE_SET, false, "corp"));
		assertThat(flow.authenticate(get("/api/pets"))).isEqualTo(new JwtOutcome.Rejected(null, false));
		assertThat(flow.authenticate(get("/public/x").header(PARTNER_HEADER.name(), partnerToken())))
			.as("allow-missing allows no token at all, not half a set")
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.INCOMPLETE_SET, false, "corp"));
		assertThat(flow.authenticate(get("/public/x"))).isEqualTo(new JwtOutcome.Anonymous(null, List.of()));
		assertThat(this.events.failures).extracting(Authentication::getName).containsExactly("partner", "corp", "corp");
	}

	@Test
	void requirementSetRejectsAFailedTokenNamingItsProvider() {
		JwtRequestFlow flow = allOfFlow();
		String user = corp().signWith(CORP_KEY);
		assertThat(flow.authenticate(get("/api/pets", user).header(PARTNER_HEADER.name(),
				TestJwts.issuer("https://partner.example").subject("bob").signWith(TestKeys.ec("other", Curve.P_256)))))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.BAD_SIGNATURE, false, "partner"));
		assertThat(flow.authenticate(get("/api/pets", user).header(PARTNER_HEADER.name(), corp().signWith(CORP_KEY))))
			.as("a token of another provider in the workload's place")
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.PROVIDER_NOT_ALLOWED, false, "partner"));
		assertThat(flow.authenticate(get("/api/pets", expiredCorp()).header(PARTNER_HEADER.name(), partnerToken())))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.EXPIRED, false, "corp"));
	}

	@Test
	void requirementSetAnswersTheFirstFailureInItsOrderWhateverTheCacheHolds() {
		JwtRequestFlow flow = allOfFlow();
		String user = corp().subject("erin").signWith(CORP_KEY);
		String workload = partnerToken();
		assertThat(flow.authenticate(get("/api/pets", user).header(PARTNER_HEADER.name(), workload)))
			.isInstanceOf(JwtOutcome.Authenticated.class);
		assertThat(flow.authenticate(get("/api/pets", workload).header(PARTNER_HEADER.name(), user)))
			.as("both tokens cached, each by the other provider")
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.PROVIDER_NOT_ALLOWED, false, "corp"));
		String fresh = corp().subject("frank").signWith(CORP_KEY);
		assertThat(flow.authenticate(get("/api/pets", fresh).header(PARTNER_HEADER.name(), user)))
			.as("the first token needs its full verification, the second fails from the cache")
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.PROVIDER_NOT_ALLOWED, false, "partner"));
		String forged = TestJwts.issuer("https://corp.example").subject("gina").signWith(TestKeys.rsa("other"));
		assertThat(flow.authenticate(get("/api/pets", forged).header(PARTNER_HEADER.name(), user)))
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.BAD_SIGNATURE, false, "corp"));
	}

	@Test
	void requirementSetWithAFailedTokenContinuesAnonymouslyWithoutAnyOfItsTokensWhereTheRouteAllowsIt() {
		String user = corp().signWith(CORP_KEY);
		String workload = TestJwts.issuer("https://partner.example")
			.subject("bob")
			.signWith(TestKeys.ec("other", Curve.P_256));
		JwtOutcome outcome = allOfFlow().authenticate(get("/optional/x", user).header(PARTNER_HEADER.name(), workload));
		assertThat(outcome).isEqualTo(new JwtOutcome.Anonymous(JwtFailure.BAD_SIGNATURE,
				List.of(new ResolvedToken(user, Set.of(TokenLocation.bearerHeader())),
						new ResolvedToken(workload, Set.of(PARTNER_HEADER)))));
	}

	@Test
	void requirementSetReadsEachTokenOnlyWhereItsProviderDoes() {
		String user = corp().signWith(CORP_KEY);
		assertThat(allOfFlow().authenticate(get("/api/pets", user).header("Authorization", "Bearer " + partnerToken())))
			.as("two tokens in the user's place")
			.isEqualTo(new JwtOutcome.Rejected(JwtFailure.MULTIPLE_TOKENS, false, "corp"));
		assertThat(allOfFlow().verifiesToken(get("/api/pets").header(PARTNER_HEADER.name(), partnerToken()))).isTrue();
		assertThat(allOfFlow().verifiesToken(get("/api/pets"))).isFalse();
	}

	/**
	 * A request described without a web stack.
	 */
	static final class Request implements TokenRequest {

		private final String method;

		private final String path;

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private final Map<String, List<String>> cookies = new LinkedHashMap<>();

		private @Nullable String query;

		Request(String method, String path) {
			this.method = method;
			this.path = path;
		}

		Request header(String name, String value) {
			this.headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), (key) -> new ArrayList<>())
				.add(value);
			return this;
		}

		Request cookie(String name, String value) {
			this.cookies.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		Request query(String query) {
			this.query = query;
			return this;
		}

		@Override
		public String method() {
			return this.method;
		}

		@Override
		public PathContainer path() {
			return PathContainer.parsePath(this.path);
		}

		@Override
		public List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
		}

		@Override
		public @Nullable String rawQuery() {
			return this.query;
		}

		@Override
		public List<String> cookies(String name) {
			return this.cookies.getOrDefault(name, List.of());
		}

		@Override
		public String url() {
			return "https://api.example" + this.path;
		}

		@Override
		public @Nullable X509Certificate clientCertificate() {
			return null;
		}

	}

	/**
	 * Records the authentication events published.
	 */
	static final class RecordingEvents implements AuthenticationEventPublisher {

		final List<String> published = new ArrayList<>();

		final List<Authentication> failures = new ArrayList<>();

		@Override
		public void publishAuthenticationSuccess(Authentication authentication) {
			this.published.add("success " + authentication.getName());
		}

		@Override
		public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
			this.published.add("failure " + authentication.getName() + " " + authentication.getDetails() + " "
					+ exception.getMessage());
			this.failures.add(authentication);
		}

	}

}
