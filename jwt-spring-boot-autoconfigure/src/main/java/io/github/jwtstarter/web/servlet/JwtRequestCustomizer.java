package io.github.jwtstarter.web.servlet;

import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.ResolvedToken;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Shapes the request the application sees after JWT processing, for example to copy
 * claims into headers or hide the token. Called for authenticated and anonymous requests
 * alike (requests on disabled routes included), so that client-sent copies of derived
 * headers can be removed.
 */
@FunctionalInterface
public interface JwtRequestCustomizer {

	/**
	 * A customizer that leaves the request as it is.
	 */
	JwtRequestCustomizer NONE = (request, verified, token) -> request;

	/**
	 * Returns the request the application sees.
	 * @param request the request
	 * @param verified the verified token, {@code null} for an anonymous request
	 * @param token the token found in the request, {@code null} when none was
	 * @return the request to pass on
	 */
	HttpServletRequest customize(HttpServletRequest request, @Nullable VerifiedJwt verified,
			@Nullable ResolvedToken token);

}
