package io.github.jwtstarter.gateway.mvc;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.jwtstarter.shaping.ClaimHeader;
import io.github.jwtstarter.shaping.ClaimHeaders;
import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.web.servlet.JwtAuthentications;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Sets the request headers of {@code JwtClaimsToHeaders} with the starter's one claim
 * header writer ({@link ClaimHeaders}): removes every value of the mapped header names,
 * then adds the claims of the verified token of the request ({@link JwtAuthentications}).
 * Immutable.
 */
final class ClaimsToHeadersRequestProcessor implements Function<ServerRequest, ServerRequest> {

	private final ClaimHeaders headers;

	ClaimsToHeadersRequestProcessor(List<ClaimHeader> headers) {
		Assert.notEmpty(headers, "headers cannot be empty");
		this.headers = new ClaimHeaders(headers);
	}

	@Override
	public ServerRequest apply(ServerRequest request) {
		RequestEdits edits = this.headers.edits(verifiedClaims(request), (name) -> request.headers().header(name),
				request.headers().asHttpHeaders().headerNames());
		return ServerRequest.from(request).headers(edits::applyTo).build();
	}

	private static @Nullable Map<String, Object> verifiedClaims(ServerRequest request) {
		Authentication authentication = JwtAuthentications.of(request.servletRequest());
		return (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated())
				? jwt.getToken().getClaims() : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ClaimsToHeadersRequestProcessor that && this.headers.equals(that.headers);
	}

	@Override
	public int hashCode() {
		return this.headers.hashCode();
	}

	@Override
	public String toString() {
		return "JwtClaimsToHeaders " + this.headers;
	}

}
