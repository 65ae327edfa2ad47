package io.github.jwtstarter.web;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * A request as the {@link JwtRequestFlow} reads it, so that one flow serves every web
 * stack: each web layer adapts its request type (a servlet request, a reactive exchange's
 * request).
 */
public interface TokenRequest {

	/**
	 * Returns the HTTP method, upper case.
	 * @return the method
	 */
	String method();

	/**
	 * Returns the path within the application, for {@code jwt.routes}.
	 * @return the path
	 */
	PathContainer path();

	/**
	 * Returns every value of a header, in order.
	 * @param name the header name (case-insensitive)
	 * @return the values, empty when the header is absent
	 */
	List<String> headers(String name);

	/**
	 * Returns the first value of a header.
	 * @param name the header name (case-insensitive)
	 * @return the value, or {@code null} when the header is absent
	 */
	default @Nullable String header(String name) {
		List<String> values = headers(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Returns the raw (still encoded) query string.
	 * @return the query string, or {@code null} when the request has none
	 */
	@Nullable String rawQuery();

	/**
	 * Returns the values of every cookie of that name.
	 * @param name the cookie name
	 * @return the values, empty when there is no such cookie
	 */
	List<String> cookies(String name);

	/**
	 * Returns the request URL as the server reconstructs it (scheme, host, port, path;
	 * forwarded headers applied where the server is configured to), for a DPoP proof's
	 * {@code htu}. Read only for a token presented with the {@code DPoP} scheme.
	 * @return the URL
	 */
	String url();

	/**
	 * Returns the TLS client certificate of the connection.
	 * @return the certificate, or {@code null} when the client sent none
	 */
	@Nullable X509Certificate clientCertificate();

}
