package io.github.jwtstarter.web;

import java.nio.charset.StandardCharsets;

import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One of the starter's error responses (RFC 6750 and RFC 9457), as text that every web
 * stack writes the same way: the status, the {@code WWW-Authenticate} challenge and the
 * {@code application/problem+json} body. A missing token gets a bare {@code Bearer}
 * challenge, a rejected one {@code error="invalid_token"} with a short generic
 * description, a denial {@code error="insufficient_scope"}. Descriptions are fixed
 * strings, never token content; a description given from outside is reduced to at most
 * 100 printable ASCII characters without quotes or backslashes. A failure of the server
 * rather than of the token (the DPoP replay store unavailable) is answered
 * {@code 503 Service Unavailable} with {@code Retry-After} and no challenge.
 *
 * @param status the HTTP status
 * @param challenge the {@code WWW-Authenticate} header value, {@code null} for none
 * @param title the problem title
 * @param detail the problem detail
 * @param dpopNonce the {@code DPoP-Nonce} header value: a fresh server-provided nonce for
 * the client to retry with (RFC 9449 section 8), {@code null} for none
 */
public record JwtProblem(int status, @Nullable String challenge, String title, String detail,
		@Nullable String dpopNonce) {

	/**
	 * The media type of the body.
	 */
	public static final String CONTENT_TYPE = "application/problem+json";

	/**
	 * The {@code Cache-Control} header value of every error response.
	 */
	public static final String CACHE_CONTROL = "no-store";

	private static final JwtProblem MISSING_TOKEN = new JwtProblem(401, "Bearer", "Unauthorized",
			"bearer token required");

	private static final String INSUFFICIENT_SCOPE = "Bearer error=\"insufficient_scope\", error_description=\"access denied\"";

	private static final JwtProblem CROSS_SITE = new JwtProblem(403,
			"Bearer error=\"insufficient_scope\", error_description=\"cross-site request\"", "Forbidden",
			"cross-site request");

	private static final JwtProblem DENIED_BY_RBAC = new JwtProblem(403, INSUFFICIENT_SCOPE, "Forbidden",
			"access denied by jwt.rbac");

	private static final JwtProblem DENIED_BY_APPLICATION = new JwtProblem(403, INSUFFICIENT_SCOPE, "Forbidden",
			"access denied by the application");

	/**
	 * The {@code Retry-After} header value (seconds) of a {@code 503} answer.
	 */
	public static final String RETRY_AFTER_SECONDS = "5";

	private static final JwtProblem DPOP_REPLAY_STORE_UNAVAILABLE = new JwtProblem(503, null, "Service Unavailable",
			JwtFailure.DPOP_REPLAY_STORE_UNAVAILABLE.description());

	public JwtProblem {
		Assert.isTrue(challenge == null || StringUtils.hasText(challenge), "challenge cannot be empty");
		Assert.hasText(title, "title cannot be empty");
		Assert.notNull(detail, "detail cannot be null");
	}

	/**
	 * Creates a problem without a DPoP nonce.
	 * @param status the HTTP status
	 * @param challenge the {@code WWW-Authenticate} header value, {@code null} for none
	 * @param title the problem title
	 * @param detail the problem detail
	 */
	public JwtProblem(int status, @Nullable String challenge, String title, String detail) {
		this(status, challenge, title, detail, null);
	}

	/**
	 * The answer to a request without a token.
	 * @return the problem
	 */
	public static JwtProblem missingToken() {
		return MISSING_TOKEN;
	}

	/**
	 * The answer to a rejected token.
	 * @param description a short generic description
	 * @return the problem
	 */
	public static JwtProblem invalidToken(String description) {
		Assert.notNull(description, "description cannot be null");
		String safe = sanitize(description);
		return new JwtProblem(401, "Bearer error=\"invalid_token\", error_description=\"" + safe + "\"", "Unauthorized",
				safe);
	}

	/**
	 * The answer to a rejected token, with a {@code DPoP} challenge (RFC 9449 section
	 * 7.1) when the token was presented with the {@code DPoP} scheme or needs a DPoP
	 * proof; a {@code 503} when the failure is the server's
	 * ({@link JwtFailure#isServiceUnavailable()}).
	 * @param failure why the token was rejected
	 * @param dpopScheme whether the token was presented with the {@code DPoP} scheme
	 * @return the problem
	 */
	public static JwtProblem invalidToken(JwtFailure failure, boolean dpopScheme) {
		return invalidToken(failure, failure.description(), dpopScheme);
	}

	/**
	 * The answer to a request the {@link JwtRequestFlow} rejected: a missing token, or a
	 * rejected one. On a route with a requirement set ({@code all-of}) the description
	 * names the provider whose token was missing or failed, e.g.
	 * {@code expired (provider workload)}.
	 * @param rejected the rejection
	 * @return the problem
	 */
	public static JwtProblem rejected(JwtOutcome.Rejected rejected) {
		JwtFailure failure = rejected.failure();
		if (failure == null) {
			return MISSING_TOKEN;
		}
		String description = (rejected.provider() != null)
				? failure.description() + " (provider " + rejected.provider() + ")" : failure.description();
		JwtProblem problem = invalidToken(failure, description, rejected.dpopChallenge());
		return (rejected.dpopNonce() != null && problem.status() == 401) ? new JwtProblem(problem.status(),
				problem.challenge(), problem.title(), problem.detail(), rejected.dpopNonce()) : problem;
	}

	private static JwtProblem invalidToken(JwtFailure failure, String description, boolean dpopScheme) {
		if (failure.isServiceUnavailable()) {
			return DPOP_REPLAY_STORE_UNAVAILABLE;
		}
		if (!dpopScheme && !failure.isDPoPChallenge()) {
			return invalidToken(description);
		}
		String safe = sanitize(description);
		return new JwtProblem(401, "DPoP error=\"" + failure.errorCode() + "\", error_description=\"" + safe
				+ "\", algs=\"" + DPoPMode.PROOF_ALGORITHMS + "\"", "Unauthorized", safe);
	}

	/**
	 * Returns the description of a rejected token for a response: the starter's own
	 * generic description when the rejection came from the starter's verification, else a
	 * fixed one. The message of another exception (a parser's, say) never reaches the
	 * client.
	 * @param rejection the rejection
	 * @return the description
	 */
	public static String description(Throwable rejection) {
		for (Throwable cause = rejection; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtVerificationException verification) {
				return verification.getFailure().description();
			}
		}
		return JwtFailure.INVALID.description();
	}

	/**
	 * The answer to a cross-site request authenticated by a cookie token.
	 * @return the problem
	 */
	public static JwtProblem crossSite() {
		return CROSS_SITE;
	}

	/**
	 * The answer to a denial: the detail names the layer that denied ({@code jwt.rbac} or
	 * the application's own rules and {@code @PreAuthorize}), never the policy.
	 * @param byRbac whether {@code jwt.rbac} denied, rather than the application
	 * @return the problem
	 */
	public static JwtProblem accessDenied(boolean byRbac) {
		return byRbac ? DENIED_BY_RBAC : DENIED_BY_APPLICATION;
	}

	/**
	 * Returns the {@code Retry-After} header value.
	 * @return the seconds after which the request may be retried, {@code null} for none
	 */
	public @Nullable String retryAfter() {
		return (this.status == 503) ? RETRY_AFTER_SECONDS : null;
	}

	/**
	 * Returns the {@code application/problem+json} body, UTF-8 encoded.
	 * @return the body
	 */
	public byte[] body() {
		return ("{\"type\":\"about:blank\",\"title\":\"" + this.title + "\",\"status\":" + this.status
				+ ",\"detail\":\"" + this.detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
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
