package io.github.jwtstarter.web;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.TokenPresentation;
import org.jspecify.annotations.Nullable;

/**
 * Tells how a request presented the token that {@link TokenResolver} found, for every web
 * stack: the {@code DPoP} scheme when the token came from
 * {@link TokenLocation#dpopHeader()}, with the request's method, URL and single
 * {@code DPoP} proof header; a bearer presentation otherwise. Each web layer supplies
 * what its request type knows (method, URL, TLS client certificate).
 */
public final class TokenPresentations {

	/**
	 * The header carrying a DPoP proof (RFC 9449 section 4.1).
	 */
	public static final String DPOP_HEADER = "DPoP";

	private TokenPresentations() {
	}

	/**
	 * Reads how the request presented its token.
	 * @param request the request's headers
	 * @param token the token found
	 * @param method the request method
	 * @param url the request URL (read only for a DPoP presentation)
	 * @param clientCertificate the TLS client certificate, or {@code null}
	 * @return the presentation
	 * @throws JwtVerificationException when a DPoP presentation carries more than one
	 * {@code DPoP} header
	 */
	public static TokenPresentation of(TokenRequest request, ResolvedToken token, String method,
			Supplier<String> url, @Nullable X509Certificate clientCertificate) {
		if (!token.locations().contains(TokenLocation.dpopHeader())) {
			return TokenPresentation.bearer(clientCertificate);
		}
		List<String> proofs = request.headers(DPOP_HEADER);
		if (proofs.size() > 1) {
			throw new JwtVerificationException(JwtFailure.INVALID_DPOP_PROOF);
		}
		return TokenPresentation.dpop(method, url.get(), proofs.isEmpty() ? null : proofs.get(0), clientCertificate);
	}

}
