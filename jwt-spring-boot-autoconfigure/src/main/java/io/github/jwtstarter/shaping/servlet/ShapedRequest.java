package io.github.jwtstarter.shaping.servlet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.github.jwtstarter.shaping.RequestEdits.Header;
import io.github.jwtstarter.shaping.RequestEdits;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The request the application sees after request shaping: some headers replaced or
 * removed (looked up case-insensitively), and the token's query parameters and cookies
 * hidden.
 */
public final class ShapedRequest extends HttpServletRequestWrapper {

	private final Map<String, Header> headers;

	private final Set<String> hiddenParameters;

	private final Set<String> hiddenCookies;

	/**
	 * Creates a shaped request.
	 * @param request the request to wrap
	 * @param edits what changes
	 */
	public ShapedRequest(HttpServletRequest request, RequestEdits edits) {
		super(request);
		this.headers = edits.headers();
		this.hiddenParameters = edits.hiddenParameters();
		this.hiddenCookies = edits.hiddenCookies();
	}

	private @Nullable Header replaced(@Nullable String name) {
		return (name != null) ? this.headers.get(name.toLowerCase(Locale.ROOT)) : null;
	}

	@Override
	public @Nullable String getHeader(String name) {
		Header header = replaced(name);
		if (header == null) {
			return super.getHeader(name);
		}
		return header.values().isEmpty() ? null : header.values().get(0);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		Header header = replaced(name);
		return (header != null) ? Collections.enumeration(header.values()) : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		Set<String> names = new LinkedHashSet<>();
		Enumeration<String> original = super.getHeaderNames();
		while (original != null && original.hasMoreElements()) {
			String name = original.nextElement();
			if (replaced(name) == null) {
				names.add(name);
			}
		}
		for (Header header : this.headers.values()) {
			if (!header.values().isEmpty()) {
				names.add(header.name());
			}
		}
		return Collections.enumeration(names);
	}

	@Override
	public int getIntHeader(String name) {
		Header header = replaced(name);
		if (header == null) {
			return super.getIntHeader(name);
		}
		String value = getHeader(name);
		return (value != null) ? Integer.parseInt(value) : -1;
	}

	@Override
	public long getDateHeader(String name) {
		Header header = replaced(name);
		if (header == null) {
			return super.getDateHeader(name);
		}
		String value = getHeader(name);
		if (value == null) {
			return -1;
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Header " + name + " is not a date");
		}
	}

	@Override
	public @Nullable String getQueryString() {
		String query = super.getQueryString();
		if (query == null || this.hiddenParameters.isEmpty()) {
			return query;
		}
		StringJoiner kept = new StringJoiner("&");
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			if (!this.hiddenParameters.contains(decode((equals < 0) ? pair : pair.substring(0, equals)))) {
				kept.add(pair);
			}
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	@Override
	public @Nullable String getParameter(String name) {
		return this.hiddenParameters.contains(name) ? null : super.getParameter(name);
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return this.hiddenParameters.contains(name) ? null : super.getParameterValues(name);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		if (this.hiddenParameters.isEmpty()) {
			return super.getParameterNames();
		}
		return Collections.enumeration(getParameterMap().keySet());
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		Map<String, String[]> parameters = super.getParameterMap();
		if (this.hiddenParameters.isEmpty()) {
			return parameters;
		}
		Map<String, String[]> kept = new LinkedHashMap<>(parameters);
		kept.keySet().removeAll(this.hiddenParameters);
		return Collections.unmodifiableMap(kept);
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		Cookie[] cookies = super.getCookies();
		if (cookies == null || this.hiddenCookies.isEmpty()) {
			return cookies;
		}
		List<Cookie> kept = new ArrayList<>(cookies.length);
		for (Cookie cookie : cookies) {
			if (!this.hiddenCookies.contains(cookie.getName())) {
				kept.add(cookie);
			}
		}
		return kept.isEmpty() ? null : kept.toArray(Cookie[]::new);
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
