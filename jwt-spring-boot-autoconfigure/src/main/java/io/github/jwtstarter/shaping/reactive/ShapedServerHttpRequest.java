package io.github.jwtstarter.shaping.reactive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

import io.github.jwtstarter.shaping.RequestEdits;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The request the application sees after request shaping: some headers replaced or
 * removed, and the token's query parameters and cookies hidden. Everything is computed
 * once, when the request is shaped.
 */
public final class ShapedServerHttpRequest extends ServerHttpRequestDecorator {

	private final HttpHeaders headers;

	private final URI uri;

	private final MultiValueMap<String, String> queryParams;

	private final MultiValueMap<String, HttpCookie> cookies;

	/**
	 * Creates a shaped request.
	 * @param request the request to decorate
	 * @param edits what changes
	 */
	public ShapedServerHttpRequest(ServerHttpRequest request, RequestEdits edits) {
		super(request);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers(request.getHeaders(), edits));
		this.uri = uri(request.getURI(), edits.hiddenParameters());
		this.queryParams = without(request.getQueryParams(), edits.hiddenParameters());
		this.cookies = without(request.getCookies(), edits.hiddenCookies());
	}

	private static HttpHeaders headers(HttpHeaders original, RequestEdits edits) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(original);
		edits.applyTo(headers);
		return headers;
	}

	private static URI uri(URI uri, Set<String> hidden) {
		String query = uri.getRawQuery();
		if (query == null || hidden.isEmpty()) {
			return uri;
		}
		StringJoiner kept = new StringJoiner("&");
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			if (!hidden.contains(decode((equals < 0) ? pair : pair.substring(0, equals)))) {
				kept.add(pair);
			}
		}
		return UriComponentsBuilder.fromUri(uri)
			.replaceQuery((kept.length() > 0) ? kept.toString() : null)
			.build(true)
			.toUri();
	}

	private static String decode(String value) {
		try {
			return UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static <T> MultiValueMap<String, T> without(MultiValueMap<String, T> values, Set<String> hidden) {
		if (hidden.isEmpty()) {
			return values;
		}
		MultiValueMap<String, T> kept = new LinkedMultiValueMap<>(values);
		hidden.forEach(kept::remove);
		return kept;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public MultiValueMap<String, String> getQueryParams() {
		return this.queryParams;
	}

	@Override
	public MultiValueMap<String, HttpCookie> getCookies() {
		return this.cookies;
	}

}
