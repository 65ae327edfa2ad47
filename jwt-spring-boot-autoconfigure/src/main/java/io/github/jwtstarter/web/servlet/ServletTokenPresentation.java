package io.github.jwtstarter.web.servlet;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenPresentations;
import org.jspecify.annotations.Nullable;

/**
 * How a servlet request presented its token ({@link TokenPresentations}): the method, the
 * URL as the servlet container reconstructs it (so behind a proxy set
 * {@code server.forward-headers-strategy}), and the TLS client certificate the container
 * reports.
 */
public final class ServletTokenPresentation {

	/**
	 * Request attribute under which servlet containers expose the TLS client certificate
	 * chain.
	 */
	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private ServletTokenPresentation() {
	}

	static TokenPresentation of(HttpServletRequest request, ResolvedToken token) {
		return TokenPresentations.of(new ServletTokenRequest(request), token, request.getMethod(),
				() -> request.getRequestURL().toString(), clientCertificate(request));
	}

	/**
	 * Returns the TLS client certificate of the request.
	 * @param request the request
	 * @return the client's certificate, or {@code null} when it sent none
	 */
	public static @Nullable X509Certificate clientCertificate(HttpServletRequest request) {
		return (request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0)
				? chain[0] : null;
	}

}
