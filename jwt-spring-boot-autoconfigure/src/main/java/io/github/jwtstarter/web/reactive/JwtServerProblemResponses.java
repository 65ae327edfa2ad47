package io.github.jwtstarter.web.reactive;

import io.github.jwtstarter.authorization.RbacDecision;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtProblem;
import io.github.jwtstarter.web.TokenLocation;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the starter's error responses ({@link JwtProblem}, RFC 6750 and RFC 9457) to
 * reactive responses, with the same status, headers and body as the servlet layer: 401
 * with a bare {@code WWW-Authenticate: Bearer} challenge for a missing token, 401 with
 * {@code error="invalid_token"} for a rejected one, 403 with
 * {@code error="insufficient_scope"} for a denial; each with an
 * {@code application/problem+json} body.
 */
public final class JwtServerProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof InvalidBearerTokenException) {
			return invalidToken(exchange, JwtProblem.description(ex));
		}
		return missingToken(exchange);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		boolean byRbac = RbacDecision.isRbacDenial(denied)
				|| exchange.getAttribute(RbacDecision.DENIED_ATTRIBUTE) != null;
		return write(exchange, JwtProblem.accessDenied(byRbac));
	}

	/**
	 * Writes the answer to a request without a token.
	 * @param exchange the exchange
	 * @return completion of the write
	 */
	public Mono<Void> missingToken(ServerWebExchange exchange) {
		return write(exchange, JwtProblem.missingToken());
	}

	/**
	 * Writes the answer to a rejected token.
	 * @param exchange the exchange
	 * @param description a short generic description
	 * @return completion of the write
	 */
	public Mono<Void> invalidToken(ServerWebExchange exchange, String description) {
		return write(exchange, JwtProblem.invalidToken(description));
	}

	/**
	 * Writes the answer to a request the flow rejected: a missing or rejected token,
	 * naming the provider on a route with a requirement set.
	 * @param exchange the exchange
	 * @param rejected the rejection
	 * @return the completion
	 */
	public Mono<Void> rejected(ServerWebExchange exchange, JwtOutcome.Rejected rejected) {
		return write(exchange, JwtProblem.rejected(rejected));
	}

	/**
	 * Writes the answer to a rejected token, with a {@code DPoP} challenge when the token
	 * was presented with the {@code DPoP} scheme or needs a DPoP proof.
	 * @param exchange the exchange
	 * @param failure why the token was rejected
	 * @param dpopScheme whether the token was presented with the {@code DPoP} scheme
	 * @return the completion
	 */
	public Mono<Void> invalidToken(ServerWebExchange exchange, JwtFailure failure, boolean dpopScheme) {
		return write(exchange, JwtProblem.invalidToken(failure, dpopScheme));
	}

	/**
	 * Writes the answer to a cross-site request authenticated by a cookie token.
	 * @param exchange the exchange
	 * @return the completion
	 */
	public Mono<Void> crossSite(ServerWebExchange exchange) {
		return write(exchange, JwtProblem.crossSite());
	}

	private static Mono<Void> write(ServerWebExchange exchange, JwtProblem problem) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatus.valueOf(problem.status()));
		HttpHeaders headers = response.getHeaders();
		if (problem.challenge() != null) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, problem.challenge());
		}
		if (problem.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, problem.retryAfter());
		}
		if (problem.dpopNonce() != null) {
			headers.set(TokenLocation.DPOP_NONCE_HEADER, problem.dpopNonce());
		}
		headers.set(HttpHeaders.CACHE_CONTROL, JwtProblem.CACHE_CONTROL);
		headers.set(HttpHeaders.CONTENT_TYPE, JwtProblem.CONTENT_TYPE);
		byte[] body = problem.body();
		headers.setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
