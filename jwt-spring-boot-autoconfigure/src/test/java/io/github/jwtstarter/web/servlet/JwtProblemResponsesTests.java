package io.github.jwtstarter.web.servlet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet layer's 401 and 403 responses (RFC 6750 challenges, RFC 9457 bodies),
 * written to mock responses: status, {@code WWW-Authenticate}, {@code Cache-Control}, the
 * {@code application/problem+json} body, and nothing but fixed descriptions.
 */
class JwtProblemResponsesTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final String DPOP_ALGS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"";

	final JwtProblemResponses responses = new JwtProblemResponses();

	final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/pets");

	final MockHttpServletResponse response = new MockHttpServletResponse();

	/**
	 * A denial as {@code jwt.rbac} reports it: RBAC required and no policy.
	 */
	static AccessDeniedException rbacDenial() {
		RbacRules rules = new RbacRules(List.of(), true,
				new JwtRoutes(List.of(), JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID)));
		return new AuthorizationDeniedException("Access Denied",
				rules.decide("GET", PathContainer.parsePath("/api/pets"), () -> null));
	}

	void assertProblem(int status, String challenge, String title, String detail) throws Exception {
		assertThat(this.response.getStatus()).isEqualTo(status);
		assertThat(this.response.getHeaders("WWW-Authenticate")).containsExactly(challenge);
		assertThat(this.response.getHeaders("Cache-Control")).containsExactly("no-store");
		assertThat(this.response.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.response.getContentLength()).isEqualTo(this.response.getContentAsByteArray().length);
		assertThat(this.response.isCommitted()).isTrue();
		assertThat(json.readValue(this.response.getContentAsString(), Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
	}

	@Test
	void commenceWhenNoTokenThen401WithBareBearerChallenge() throws Exception {
		this.responses.commence(this.request, this.response,
				new InsufficientAuthenticationException("Full authentication is required"));
		assertProblem(401, "Bearer", "Unauthorized", "bearer token required");
	}

	@Test
	void commenceWhenTheStartersRejectionThen401InvalidTokenWithItsDescription() throws Exception {
		this.responses.commence(this.request, this.response,
				new InvalidBearerTokenException("expired", new JwtVerificationException(JwtFailure.EXPIRED)));
		assertProblem(401, "Bearer error=\"invalid_token\", error_description=\"expired\"", "Unauthorized", "expired");
	}

	@Test
	void commenceWhenAnotherRejectionThen401WithAGenericDescriptionNeverItsMessage() throws Exception {
		this.responses.commence(this.request, this.response,
				new InvalidBearerTokenException("Invalid JWT serialization: Missing dot delimiter(s)"));
		assertProblem(401, "Bearer error=\"invalid_token\", error_description=\"invalid token\"", "Unauthorized",
				"invalid token");
	}

	@Test
	void invalidTokenWhenDescriptionHasQuotesControlCharactersOrLengthThenItIsReducedToSafeText() throws Exception {
		String description = "bad \"token\"\r\nSet-Cookie: x=\\y " + "z".repeat(200);
		this.responses.invalidToken(this.response, description);
		String detail = (String) json.readValue(this.response.getContentAsString(), Map.class).get("detail");
		assertThat(detail).startsWith("bad tokenSet-Cookie: x=y zzz")
			.hasSizeLessThanOrEqualTo(100)
			.doesNotContain("\"", "\\", "\r", "\n");
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + detail + "\"");
	}

	@Test
	void invalidTokenWhenBearerSchemeThenEveryFailureHasItsFixedDescription() throws Exception {
		for (JwtFailure failure : JwtFailure.values()) {
			if (failure.isDPoPChallenge() || failure.isServiceUnavailable()) {
				continue;
			}
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.responses.invalidToken(response, failure, false);
			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).as(failure.name())
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + failure.description() + "\"");
			assertThat(response.getContentAsString()).contains("\"detail\":\"" + failure.description() + "\"");
		}
	}

	@Test
	void rejectedWhenTheProofLacksTheServersNonceThenDPoPChallengeWithAFreshNonce() throws Exception {
		this.responses.rejected(this.response,
				new JwtOutcome.Rejected(JwtFailure.USE_DPOP_NONCE, true, null, "fresh-nonce"));
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.startsWith("DPoP error=\"use_dpop_nonce\", error_description=\"DPoP nonce required\", algs=");
		assertThat(this.response.getHeader("DPoP-Nonce")).isEqualTo("fresh-nonce");
		MockHttpServletResponse other = new MockHttpServletResponse();
		this.responses.rejected(other, new JwtOutcome.Rejected(JwtFailure.INVALID_DPOP_PROOF, true));
		assertThat(other.getHeader("DPoP-Nonce")).isNull();
	}

	@Test
	void invalidTokenWhenTheReplayStoreIsUnavailableThen503WithRetryAfterAndNoChallenge() throws Exception {
		for (boolean dpopScheme : new boolean[] { false, true }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.responses.invalidToken(response, JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE, dpopScheme);
			assertThat(response.getStatus()).isEqualTo(503);
			assertThat(response.getHeader("Retry-After")).isEqualTo("5");
			assertThat(response.getHeader("WWW-Authenticate")).isNull();
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(json.readValue(response.getContentAsString(), Map.class)).containsEntry("status", 503)
				.containsEntry("title", "Service Unavailable")
				.containsEntry("detail", "DPoP replay store unavailable");
		}
	}

	@Test
	void invalidTokenWhenDPoPSchemeThenDPoPChallengeWithAlgorithms() throws Exception {
		this.responses.invalidToken(this.response, JwtFailure.EXPIRED, true);
		assertProblem(401, "DPoP error=\"invalid_token\", error_description=\"expired\", " + DPOP_ALGS, "Unauthorized",
				"expired");
	}

	@Test
	void invalidTokenWhenDPoPProofRequiredThenDPoPChallengeEvenForABearerPresentation() throws Exception {
		this.responses.invalidToken(this.response, JwtFailure.DPOP_PROOF_REQUIRED, false);
		assertProblem(401, "DPoP error=\"invalid_token\", error_description=\"DPoP proof required\", " + DPOP_ALGS,
				"Unauthorized", "DPoP proof required");
	}

	@Test
	void invalidTokenWhenDPoPProofInvalidThenInvalidDPoPProofError() throws Exception {
		this.responses.invalidToken(this.response, JwtFailure.INVALID_DPOP_PROOF, true);
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.startsWith("DPoP error=\"invalid_dpop_proof\", error_description=\"invalid DPoP proof\"");
	}

	@Test
	void handleWhenRbacDeniedThen403InsufficientScopeNamingRbac() throws Exception {
		this.responses.handle(this.request, this.response, rbacDenial());
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				"access denied by jwt.rbac");
	}

	@Test
	void handleWhenTheApplicationDeniedThen403InsufficientScopeNamingTheApplication() throws Exception {
		this.responses.handle(this.request, this.response,
				new AuthorizationDeniedException("Access Denied", new AuthorizationDecision(false)));
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				"access denied by the application");
	}

	@Test
	void crossSiteThen403NamingTheCrossSiteRequest() throws Exception {
		this.responses.crossSite(this.response);
		assertProblem(403, "Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"", "Forbidden",
				"cross-site request");
	}

	@Test
	void missingTokenWhenContentWasBufferedThenOnlyTheProblemIsSent() throws Exception {
		this.response.getOutputStream().write("partial output".getBytes(StandardCharsets.UTF_8));
		this.responses.missingToken(this.response);
		assertProblem(401, "Bearer", "Unauthorized", "bearer token required");
		assertThat(this.response.getContentAsString()).doesNotContain("partial output");
	}

	@Test
	void missingTokenWhenResponseCommittedThenNothingIsWritten() throws Exception {
		this.response.setStatus(200);
		this.response.getOutputStream().write("sent".getBytes(StandardCharsets.UTF_8));
		this.response.setCommitted(true);
		this.responses.missingToken(this.response);
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getHeaderNames()).doesNotContain("WWW-Authenticate", "Cache-Control");
		assertThat(this.response.getContentAsString()).isEqualTo("sent");
	}

	@Test
	void problemsHaveNoCharsetParameterAndOnlyTheseHeaders() throws Exception {
		this.responses.invalidToken(this.response, "expired");
		assertThat(this.response.getHeaderNames()).containsExactlyInAnyOrder("WWW-Authenticate", "Cache-Control",
				"Content-Type", "Content-Length");
		assertThat(this.response.getHeaders("Content-Type")).containsExactly("application/problem+json");
	}

}
