package io.github.jwtstarter.web.reactive;

import java.util.ArrayList;
import java.util.List;

import io.github.jwtstarter.web.TokenRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A reactive request as a {@link TokenRequest}.
 *
 * @param request the request
 */
record ServerTokenRequest(ServerHttpRequest request) implements TokenRequest {

	@Override
	public List<String> headers(String name) {
		List<String> values = this.request.getHeaders().get(name);
		return (values != null) ? values : List.of();
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

}
