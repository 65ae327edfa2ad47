package io.github.jwtstarter.web.servlet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.github.jwtstarter.web.TokenRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A servlet request as a {@link TokenRequest}.
 *
 * @param request the request
 */
record ServletTokenRequest(HttpServletRequest request) implements TokenRequest {

	@Override
	public List<String> headers(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		return (values != null && values.hasMoreElements()) ? Collections.list(values) : List.of();
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

}
