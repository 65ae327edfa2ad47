package io.github.jwtstarter.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.jwtstarter.authorization.RbacDecision;
import io.github.jwtstarter.jwt.DPoPProofVerifier;
import io.github.jwtstarter.jwt.JwtFailure;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes the starter's error responses (RFC 6750 and RFC 9457): 401 with a bare
 * {@code WWW-Authenticate: Bearer} challenge for a missing token, 401 with
 * {@code error="invalid_token"} and a short generic description for a rejected one, 403
 * with {@code error="insufficient_scope"} for a denial; each with an
 * {@code application/problem+json} body. A token presented with the {@code DPoP} scheme,
 * or one that needs a DPoP proof, is answered with a {@code DPoP} challenge instead (RFC
 * 9449 section 7.1). Descriptions are fixed strings, never token content.
 *
 * @author jwt-spring-boot-starter
 */
public final class JwtProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String PROBLEM_JSON = "application/problem+json";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof InvalidBearerTokenException) {
			invalidToken(response, authException.getMessage());
		}
		else {
			missingToken(response);
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		boolean rbac = accessDeniedException instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof RbacDecision;
		write(response, HttpServletResponse.SC_FORBIDDEN,
				"Bearer error=\"insufficient_scope\", error_description=\"access denied\"", "Forbidden",
				rbac ? "access denied by jwt.rbac" : "access denied by the application");
	}

	/**
	 * Writes the answer to a cross-site request authenticated by a cookie token.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	public void crossSite(HttpServletResponse response) throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN,
				"Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"", "Forbidden",
				"cross-site request");
	}

	/**
	 * Writes the answer to a request without a token.
	 * @param response the response
	 * @throws IOException on a write failure
	 */
	public void missingToken(HttpServletResponse response) throws IOException {
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "Bearer", "Unauthorized", "bearer token required");
	}

	/**
	 * Writes the answer to a rejected token.
	 * @param response the response
	 * @param description a short generic description
	 * @throws IOException on a write failure
	 */
	public void invalidToken(HttpServletResponse response, String description) throws IOException {
		String safe = sanitize(description);
		write(response, HttpServletResponse.SC_UNAUTHORIZED,
				"Bearer error=\"invalid_token\", error_description=\"" + safe + "\"", "Unauthorized", safe);
	}

	/**
	 * Writes the answer to a rejected token, with a {@code DPoP} challenge when the token
	 * was presented with the {@code DPoP} scheme or needs a DPoP proof.
	 * @param response the response
	 * @param failure why the token was rejected
	 * @param dpopScheme whether the token was presented with the {@code DPoP} scheme
	 * @throws IOException on a write failure
	 */
	public void invalidToken(HttpServletResponse response, JwtFailure failure, boolean dpopScheme)
			throws IOException {
		if (!dpopScheme && !failure.isDPoPChallenge()) {
			invalidToken(response, failure.description());
			return;
		}
		String safe = sanitize(failure.description());
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "DPoP error=\"" + failure.errorCode()
				+ "\", error_description=\"" + safe + "\", algs=\"" + DPoPProofVerifier.ALGORITHMS + "\"",
				"Unauthorized", safe);
	}

	private static void write(HttpServletResponse response, int status, String challenge, String title,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(PROBLEM_JSON);
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static String sanitize(String description) {
		StringBuilder safe = new StringBuilder(description.length());
		for (int i = 0; i < description.length() && i < 100; i++) {
			char c = description.charAt(i);
			if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
				safe.append(c);
			}
		}
		return safe.toString();
	}

}
