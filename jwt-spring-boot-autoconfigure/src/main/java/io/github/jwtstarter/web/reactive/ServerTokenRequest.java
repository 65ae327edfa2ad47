package io.github.jwtstarter.web.reactive;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.jwtstarter.web.TokenRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;

/**
 * A reactive request as a {@link TokenRequest}: the URI as the server sees it (behind a
 * proxy, with Spring's {@code ForwardedHeaderTransformer} applied when configured), and
 * the TLS client certificate of the connection.
 *
 * @param request the request
 */
record ServerTokenRequest(ServerHttpRequest request) implements TokenRequest {

	@Override
	public String method() {
		return this.request.getMethod().name();
	}

	@Override
	public PathContainer path() {
		return this.request.getPath().pathWithinApplication();
	}

	@Override
	public List<String> headers(String name) {
		List<String> values = this.request.getHeaders().get(name);
		return (values != null) ? values : List.of();
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeaders().getFirst(name);
	}

	@Override
	public @Nullable String rawQuery() {
		return this.request.getURI().getRawQuery();
	}

	@Override
	public List<String> cookies(String name) {
		List<HttpCookie> cookies = this.request.getCookies().get(name);
		if (cookies == null || cookies.isEmpty()) {
			return List.of();
		}
		List<String> values = new ArrayList<>(cookies.size());
		for (HttpCookie cookie : cookies) {
			values.add(cookie.getValue());
		}
		return values;
	}

	@Override
	public String url() {
		return this.request.getURI().toString();
	}

	@Override
	public @Nullable X509Certificate clientCertificate() {
		SslInfo ssl = this.request.getSslInfo();
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

}
