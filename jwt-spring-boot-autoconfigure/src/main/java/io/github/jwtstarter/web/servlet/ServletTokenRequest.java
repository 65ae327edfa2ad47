package io.github.jwtstarter.web.servlet;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.github.jwtstarter.web.TokenRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * A servlet request as a {@link TokenRequest}: the URL as the servlet container
 * reconstructs it (behind a proxy, set {@code server.forward-headers-strategy}), and the
 * TLS client certificate the container reports.
 *
 * @param request the request
 */
record ServletTokenRequest(HttpServletRequest request) implements TokenRequest {

	/**
	 * Request attribute under which servlet containers expose the TLS client certificate
	 * chain.
	 */
	static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public PathContainer path() {
		return RequestPath.parse(this.request.getRequestURI(), this.request.getContextPath()).pathWithinApplication();
	}

	@Override
	public List<String> headers(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		return (values != null && values.hasMoreElements()) ? Collections.list(values) : List.of();
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public @Nullable String rawQuery() {
		return this.request.getQueryString();
	}

	@Override
	public List<String> cookies(String name) {
		Cookie[] cookies = this.request.getCookies();
		if (cookies == null) {
			return List.of();
		}
		List<String> values = new ArrayList<>(1);
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName())) {
				values.add(cookie.getValue());
			}
		}
		return values;
	}

	@Override
	public String url() {
		return this.request.getRequestURL().toString();
	}

	@Override
	public @Nullable X509Certificate clientCertificate() {
		return clientCertificate(this.request);
	}

	/**
	 * Returns the TLS client certificate of a request.
	 * @param request the request
	 * @return the client's certificate, or {@code null} when it sent none
	 */
	static @Nullable X509Certificate clientCertificate(HttpServletRequest request) {
		return (request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0)
				? chain[0] : null;
	}

}
