package io.github.jwtstarter.gateway.mvc;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.jwtstarter.gateway.JwtGatewayArguments.ClaimHeader;
import io.github.jwtstarter.jwt.ClaimValues;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Sets the request headers of {@code JwtClaimsToHeaders}: removes every value of the
 * mapped header names, then adds the claims of the verified token, read from the security
 * context (else from the context the JWT filter saved in a request attribute). Immutable.
 */
final class ClaimsToHeadersRequestProcessor implements Function<ServerRequest, ServerRequest> {

	private static final String CONTEXT_ATTRIBUTE = RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME;

	private final List<ClaimHeader> headers;

	ClaimsToHeadersRequestProcessor(List<ClaimHeader> headers) {
		Assert.notEmpty(headers, "headers cannot be empty");
		this.headers = List.copyOf(headers);
	}

	@Override
	public ServerRequest apply(ServerRequest request) {
		Map<String, Object> claims = verifiedClaims(request);
		return ServerRequest.from(request).headers((httpHeaders) -> {
			this.headers.forEach((header) -> httpHeaders.remove(header.header()));
			if (claims == null) {
				return;
			}
			for (ClaimHeader header : this.headers) {
				String value = ClaimValues.headerValue(claims, header.claim());
				if (value != null) {
					httpHeaders.add(header.header(), value);
				}
			}
		}).build();
	}

	private static @Nullable Map<String, Object> verifiedClaims(ServerRequest request) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication == null
				&& request.servletRequest().getAttribute(CONTEXT_ATTRIBUTE) instanceof SecurityContext saved) {
			authentication = saved.getAuthentication();
		}
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
