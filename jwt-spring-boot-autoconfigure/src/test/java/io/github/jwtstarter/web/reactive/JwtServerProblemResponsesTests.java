package io.github.jwtstarter.web.reactive;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authorization.RbacDecision;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import io.github.jwtstarter.web.servlet.JwtProblemResponses;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive layer's 401 and 403 responses, written to mock exchanges: the same status,
 * headers and body as the servlet layer writes.
 */
class JwtServerProblemResponsesTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final String DPOP_ALGS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"";

	final JwtServerProblemResponses responses = new JwtServerProblemResponses();

	final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/pets"));

	static void write(Mono<Void> completion) {
		completion.block(TIMEOUT);
	}

	void assertProblem(int status, String challenge, String title, String detail) {
		MockServerHttpResponse response = this.exchange.getResponse();
		String body = response.getBodyAsString().block(TIMEOUT);
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().get("WWW-Authenticate")).containsExactly(challenge);
		assertThat(response.getHeaders().get("Cache-Control")).containsExactly("no-store");
		assertThat(response.getHeaders().get("Content-Type")).containsExactly("application/problem+json");
		assertThat(response.getHeaders().getContentLength()).isEqualTo(body.getBytes().length);
		assertThat(json.readValue(body, Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
	}

	@Test
	void commenceWhenNoTokenThen401WithBareBearerChallenge() {
		write(this.responses.commence(this.exchange, new InsufficientAuthenticationException("Not Authenticated")));
		assertProblem(401, "Bearer", "Unauthorized", "bearer token required");
	}

	@Test
	void commenceWhenTheStartersRejectionThen401InvalidTokenWithItsDescription() {
		write(this.responses.commence(this.exchange, new InvalidBearerTokenException("unknown issuer",
				new JwtVerificationException(JwtFailure.UNKNOWN_ISSUER))));
		assertProblem(401, "Bearer error=\"invalid_token\", error_description=\"unknown issuer\"", "Unauthorized",
				"unknown issuer");
	}

	@Test
	void commenceWhenAnotherRejectionThen401WithAGenericDescriptionNeverItsMessage() {
		write(this.responses.commence(this.exchange,
				new InvalidBearerTokenException("Invalid JWT serialization: Missing dot delimiter(s)")));
		assertProblem(401, "Bearer error=\"invalid_token\", error_description=\"invalid token\"", "Unauthorized",
				"invalid token");
	}

	@Test
	void invalidTokenWhenDPoPSchemeThenDPoPChallengeWithAlgorithms() {
		write(this.responses.invalidToken(this.exchange, JwtFailure.BAD_SIGNATURE, true));
		assertProblem(401, "DPoP error=\"invalid_token\", error_description=\"invalid signature\", " + DPOP_ALGS,
				"Unauthorized", "invalid signature");
	}

	@Test
	void rejectedWhenTheProofLacksTheServersNonceThenDPoPChallengeWithAFreshNonce() {
		write(this.responses.rejected(this.exchange,
				new JwtOutcome.Rejected(JwtFailure.USE_DPOP_NONCE, true, null, "fresh-nonce")));
		assertProblem(401, "DPoP error=\"use_dpop_nonce\", error_description=\"DPoP nonce required\", " + DPOP_ALGS,
				"Unauthorized", "DPoP nonce required");
		assertThat(this.exchange.getResponse().getHeaders().get("DPoP-Nonce")).containsExactly("fresh-nonce");
	}

	@Test
	void handleWhenRbacDeniedOnTheExchangeThen403NamingRbac() {
		this.exchange.getAttributes().put(RbacDecision.DENIED_ATTRIBUTE, rbacDecision());
		write(this.responses.handle(this.exchange, new AccessDeniedException("Access Denied")));
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				"access denied by jwt.rbac");
	}

	@Test
	void handleWhenDenialCarriesTheRbacDecisionThen403NamingRbac() {
		write(this.responses.handle(this.exchange, new AuthorizationDeniedException("Access Denied", rbacDecision())));
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				"access denied by jwt.rbac");
	}

	@Test
	void handleWhenTheApplicationDeniedThen403NamingTheApplication() {
		write(this.responses.handle(this.exchange,
				new AuthorizationDeniedException("Access Denied", new AuthorizationDecision(false))));
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				"access denied by the application");
	}

	@Test
	void crossSiteThen403NamingTheCrossSiteRequest() {
		write(this.responses.crossSite(this.exchange));
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"", "Forbidden",
				"cross-site request");
	}

	@Test
	void missingTokenWhenResponseCommittedThenNothingIsWritten() {
		this.exchange.getResponse().setStatusCode(HttpStatus.OK);
		write(this.exchange.getResponse().setComplete());
		write(this.responses.missingToken(this.exchange));
		assertThat(this.exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isNull();
	}

	@Test
	void everyRejectionIsWrittenAsTheServletLayerWritesIt() throws Exception {
		JwtProblemResponses servlet = new JwtProblemResponses();
		for (JwtFailure failure : JwtFailure.values()) {
			for (boolean dpopScheme : new boolean[] { false, true }) {
				MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
				write(this.responses.invalidToken(exchange, failure, dpopScheme));
				MockHttpServletResponse expected = new MockHttpServletResponse();
				servlet.invalidToken(expected, failure, dpopScheme);
				MockServerHttpResponse actual = exchange.getResponse();
				assertThat(actual.getStatusCode().value()).isEqualTo(expected.getStatus());
				assertThat(actual.getHeaders().getFirst("WWW-Authenticate")).as(failure + ", DPoP " + dpopScheme)
					.isEqualTo(expected.getHeader("WWW-Authenticate"));
				assertThat(actual.getHeaders().getFirst("Retry-After")).as(failure + ", DPoP " + dpopScheme)
					.isEqualTo(expected.getHeader("Retry-After"));
				assertThat(actual.getBodyAsString().block(TIMEOUT)).isEqualTo(expected.getContentAsString());
			}
		}
	}

	static RbacDecision rbacDecision() {
		RbacRules rules = new RbacRules(List.of(), true,
				new JwtRoutes(List.of(), JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID)));
		return rules.decide("GET", PathContainer.parsePath("/api/pets"), () -> null);
	}

}
