package io.github.jwtstarter.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reads every location configured by any provider. No token: {@code null}. More than
 * one value of a token header, or two different tokens: rejected. Web layers adapt their
 * request type to {@link TokenRequest}. Query parameters are
 * read from the query string only, never from a request body.
 */
public final class TokenResolver {

	private final List<TokenLocation> locations;

	private final Map<String, Set<TokenLocation>> locationsByProvider;

	/**
	 * Creates a resolver.
	 * @param locationsByProvider the locations each provider reads its tokens from
	 */
	public TokenResolver(Map<String, Set<TokenLocation>> locationsByProvider) {
		Assert.notNull(locationsByProvider, "locationsByProvider cannot be null");
		Set<TokenLocation> all = new LinkedHashSet<>();
		locationsByProvider.values().forEach(all::addAll);
		this.locations = List.copyOf(all);
		this.locationsByProvider = Map.copyOf(locationsByProvider);
	}

	/**
	 * Returns whether the provider reads tokens from every one of the given locations.
	 * @param providerId the provider id
	 * @param found the locations a token was found in
	 * @return whether the provider accepts the token there
	 */
	public boolean accepts(String providerId, Set<TokenLocation> found) {
		Set<TokenLocation> accepted = this.locationsByProvider.get(providerId);
		return accepted != null && accepted.containsAll(found);
	}

	/**
	 * Returns every location read.
	 * @return the locations
	 */
	public List<TokenLocation> locations() {
		return this.locations;
	}

	/**
	 * Finds the request's token.
	 * @param request the request
	 * @return the token, or {@code null} when the request carries none
	 * @throws JwtVerificationException when the request carries more than one token
	 */
	public @Nullable ResolvedToken resolve(TokenRequest request) {
		String token = null;
		Set<TokenLocation> found = null;
		for (TokenLocation location : this.locations) {
			String value = read(request, location);
			if (value == null) {
				continue;
			}
			if (token == null) {
				token = value;
				found = new LinkedHashSet<>(2);
			}
			else if (!token.equals(value)) {
				throw new JwtVerificationException(JwtFailure.MULTIPLE_TOKENS);
			}
			found.add(location);
		}
		return (token != null) ? new ResolvedToken(token, found) : null;
	}

	private static @Nullable String read(TokenRequest request, TokenLocation location) {
		return switch (location.kind()) {
			case HEADER -> readHeader(request, location);
			case QUERY_PARAM -> readQueryParam(request, location.name());
			case COOKIE -> readCookie(request, location.name());
		};
	}

	private static @Nullable String readHeader(TokenRequest request, TokenLocation location) {
		List<String> values = request.headers(location.name());
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new JwtVerificationException(JwtFailure.MULTIPLE_TOKENS);
		}
		String value = values.get(0);
		String prefix = location.prefix();
		if (prefix.isEmpty()) {
			return value.strip();
		}
		if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
			return value.substring(prefix.length()).strip();
		}
		String scheme = prefix.strip();
		if (value.strip().equalsIgnoreCase(scheme)) {
			return "";
		}
		return null;
	}

	private static @Nullable String readQueryParam(TokenRequest request, String name) {
		String query = request.rawQuery();
		if (query == null || query.isEmpty()) {
			return null;
		}
		List<String> values = new ArrayList<>(1);
		int start = 0;
		while (start <= query.length()) {
			int end = query.indexOf('&', start);
			String pair = query.substring(start, (end < 0) ? query.length() : end);
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (name.equals(key)) {
				values.add((equals < 0) ? "" : decode(pair.substring(equals + 1)));
			}
			if (end < 0) {
				break;
			}
			start = end + 1;
		}
		if (values.size() > 1) {
			throw new JwtVerificationException(JwtFailure.MULTIPLE_TOKENS);
		}
		return values.isEmpty() ? null : values.get(0);
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new JwtVerificationException(JwtFailure.MALFORMED);
		}
	}

	private static @Nullable String readCookie(TokenRequest request, String name) {
		List<String> values = request.cookies(name);
		if (values.size() > 1) {
			throw new JwtVerificationException(JwtFailure.MULTIPLE_TOKENS);
		}
		return values.isEmpty() ? null : values.get(0);
	}

}
