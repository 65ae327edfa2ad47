package io.github.jwtstarter.web;

import java.security.cert.X509Certificate;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.TokenPresentation;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link TokenPresentation} from a servlet request: the {@code DPoP} scheme when
 * the token came from {@link TokenLocation#dpopHeader()}, the request method and URL
 * (as the servlet container reconstructs it, so behind a proxy set
 * {@code server.forward-headers-strategy}), the single {@code DPoP} header, and the TLS
 * client certificate.
 *
 * @author jwt-spring-boot-starter
 */
public final class ServletTokenPresentation {

	/**
	 * Request attribute under which servlet containers expose the TLS client certificate
	 * chain.
	 */
	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private ServletTokenPresentation() {
	}

	/**
	 * Reads how the request presented its token.
	 * @param request the request
	 * @param token the token found
	 * @return the presentation
	 * @throws JwtVerificationException when a DPoP presentation carries more than one
	 * {@code DPoP} header
	 */
	public static TokenPresentation of(HttpServletRequest request, ResolvedToken token) {
		X509Certificate certificate = clientCertificate(request);
		if (!token.locations().contains(TokenLocation.dpopHeader())) {
			return TokenPresentation.bearer(certificate);
		}
		return TokenPresentation.dpop(request.getMethod(), request.getRequestURL().toString(), proof(request),
				certificate);
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

	private static @Nullable String proof(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders("DPoP");
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String proof = values.nextElement();
		if (values.hasMoreElements()) {
			throw new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF);
		}
		return proof;
	}

}
