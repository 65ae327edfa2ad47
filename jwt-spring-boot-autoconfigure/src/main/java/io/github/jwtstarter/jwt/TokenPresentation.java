package io.github.jwtstarter.jwt;

import java.security.cert.X509Certificate;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a request presented its token, as far as sender-constrained tokens care: the
 * authorization scheme, the request's method and URI (without query), the {@code DPoP}
 * proof header and the TLS client certificate. A web layer builds it from its request
 * type; the checks themselves are stack-neutral.
 *
 * @param scheme how the token was presented
 * @param method the request method, for a DPoP proof's {@code htm}
 * @param uri the request URI without query and fragment, for a DPoP proof's {@code htu}
 * @param dpopProof the value of the single {@code DPoP} header, or {@code null}
 * @param clientCertificate the TLS client certificate, or {@code null} when the request
 * came without one
 */
public record TokenPresentation(Scheme scheme, @Nullable String method, @Nullable String uri,
		@Nullable String dpopProof, @Nullable X509Certificate clientCertificate) {

	public TokenPresentation {
		Assert.notNull(scheme, "scheme cannot be null");
	}

	/**
	 * A bearer presentation: any location other than the {@code DPoP} scheme.
	 * @param clientCertificate the TLS client certificate, or {@code null}
	 * @return the presentation
	 */
	public static TokenPresentation bearer(@Nullable X509Certificate clientCertificate) {
		return new TokenPresentation(Scheme.BEARER, null, null, null, clientCertificate);
	}

	/**
	 * A presentation with the {@code DPoP} scheme.
	 * @param method the request method
	 * @param uri the request URI without query and fragment
	 * @param dpopProof the {@code DPoP} header, or {@code null} when absent
	 * @param clientCertificate the TLS client certificate, or {@code null}
	 * @return the presentation
	 */
	public static TokenPresentation dpop(String method, String uri, @Nullable String dpopProof,
			@Nullable X509Certificate clientCertificate) {
		return new TokenPresentation(Scheme.DPOP, method, uri, dpopProof, clientCertificate);
	}

	/**
	 * How a token was presented.
	 */
	public enum Scheme {

		/**
		 * As a bearer token: the {@code Bearer} scheme, another header, a query parameter
		 * or a cookie.
		 */
		BEARER,

		/**
		 * With the {@code DPoP} authorization scheme (RFC 9449 section 7.1).
		 */
		DPOP

	}

}
