package io.github.jwtstarter.shaping.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.servlet.JwtRequestCustomizer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Applies {@link RequestShaping} to servlet requests: {@code claims-to-headers} copies
 * claims into request headers and {@code keep-token: false} hides the token, with the
 * anti-spoofing rules of {@link RequestShaping}.
 */
public final class RequestShapingCustomizer implements JwtRequestCustomizer {

	private final RequestShaping shaping;

	/**
	 * Creates a customizer.
	 * @param shaping the shaping rules
	 */
	public RequestShapingCustomizer(RequestShaping shaping) {
		Assert.notNull(shaping, "shaping cannot be null");
		this.shaping = shaping;
	}

	@Override
	public HttpServletRequest customize(HttpServletRequest request, @Nullable VerifiedJwt verified,
			@Nullable ResolvedToken token) {
		RequestEdits edits = this.shaping.edits(verified, token, (name) -> list(request.getHeaders(name)));
		return edits.isEmpty() ? request : new ShapedRequest(request, edits);
	}

	private static List<String> list(@Nullable Enumeration<String> values) {
		return (values != null && values.hasMoreElements()) ? Collections.list(values) : List.of();
	}

}
