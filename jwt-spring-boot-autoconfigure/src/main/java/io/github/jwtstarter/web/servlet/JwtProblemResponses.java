package io.github.jwtstarter.web.servlet;

import java.io.IOException;

import io.github.jwtstarter.authorization.RbacDecision;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtProblem;
import io.github.jwtstarter.web.TokenLocation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes the starter's error responses ({@link JwtProblem}, RFC 6750 and RFC 9457) to
 * servlet responses: 401 with a bare {@code WWW-Authenticate: Bearer} challenge for a
 * missing token, 401 with {@code error="invalid_token"} and a short generic description
 * for a rejected one, 403 with {@code error="insufficient_scope"} for a denial; each with
 * an {@code application/problem+json} body. A token presented with the {@code DPoP}
 * scheme, or one that needs a DPoP proof, is answered with a {@code DPoP} challenge
 * instead (RFC 9449 section 7.1). Descriptions are fixed strings, never token content.
 */
public final class JwtProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof InvalidBearerTokenException) {
			invalidToken(response, JwtProblem.description(authException));
		}
		else {
			missingToken(response);
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(response, JwtProblem.accessDenied(RbacDecision.isRbacDenial(accessDeniedException)));
	}

	/**
	 * Writes the answer to a cross-site request authenticated by a cookie token.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	public void crossSite(HttpServletResponse response) throws IOException {
		write(response, JwtProblem.crossSite());
	}

	/**
	 * Writes the answer to a request without a token.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	public void missingToken(HttpServletResponse response) throws IOException {
		write(response, JwtProblem.missingToken());
	}

	/**
	 * Writes the answer to a rejected token.
	 * @param response the response
	 * @param description a short generic description
	 * @throws IOException on a write failure
	 */
	public void invalidToken(HttpServletResponse response, String description) throws IOException {
		write(response, JwtProblem.invalidToken(description));
	}

	/**
	 * Writes the answer to a request the flow rejected: a missing or rejected token,
	 * naming the provider on a route with a requirement set.
	 * @param response the response
	 * @param rejected the rejection
	 * @throws IOException on a write failure
	 */
	public void rejected(HttpServletResponse response, JwtOutcome.Rejected rejected) throws IOException {
		write(response, JwtProblem.rejected(rejected));
	}

	/**
	 * Writes the answer to a rejected token, with a {@code DPoP} challenge when the token
	 * was presented with the {@code DPoP} scheme or needs a DPoP proof.
	 * @param response the response
	 * @param failure why the token was rejected
	 * @param dpopScheme whether the token was presented with the {@code DPoP} scheme
	 * @throws IOException on a write failure
	 */
	public void invalidToken(HttpServletResponse response, JwtFailure failure, boolean dpopScheme) throws IOException {
		write(response, JwtProblem.invalidToken(failure, dpopScheme));
	}

	private static void write(HttpServletResponse response, JwtProblem problem) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.status());
		if (problem.challenge() != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, problem.challenge());
		}
		if (problem.retryAfter() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, problem.retryAfter());
		}
		if (problem.dpopNonce() != null) {
			response.setHeader(TokenLocation.DPOP_NONCE_HEADER, problem.dpopNonce());
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, JwtProblem.CACHE_CONTROL);
		response.setContentType(JwtProblem.CONTENT_TYPE);
		byte[] body = problem.body();
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
