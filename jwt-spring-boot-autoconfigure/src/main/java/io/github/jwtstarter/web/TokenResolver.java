package io.github.jwtstarter.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reads every location configured by any provider. No token: {@code null}. More than one
 * value of a token header, or two different tokens: rejected. Web layers adapt their
 * request type to {@link TokenRequest}. Query parameters are read from the query string
 * only, never from a request body.
 */
public final class TokenResolver {

	private final List<TokenLocation> locations;

	private final Map<String, Set<TokenLocation>> locationsByProvider;

	private final Map<String, Set<TokenLocation>> setLocationsByProvider;

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
		Map<String, Set<TokenLocation>> setLocations = new HashMap<>();
		locationsByProvider.forEach((id, locations) -> setLocations.put(id, requirementSetLocations(locations)));
		this.setLocationsByProvider = Map.copyOf(setLocations);
	}

	/**
	 * Returns where a provider reads its token in a requirement set ({@code all-of}),
	 * where each provider of the set reads its own token from its own locations: its
	 * locations, but the {@code DPoP} scheme of the {@code Authorization} header only
	 * when it reads that header otherwise too. {@code DPoP} is a scheme of that one
	 * header, so it belongs to the provider of the set whose tokens come in
	 * {@code Authorization} (usually the user's), not to one whose tokens come in a
	 * header of its own.
	 * @param locations the provider's locations
	 * @return its locations in a requirement set
	 */
	public static Set<TokenLocation> requirementSetLocations(Set<TokenLocation> locations) {
		TokenLocation dpop = TokenLocation.dpopHeader();
		boolean readsAuthorization = locations.stream()
			.anyMatch((location) -> !location.equals(dpop) && location.kind() == TokenLocation.Kind.HEADER
					&& location.name().equalsIgnoreCase(dpop.name()));
		if (readsAuthorization || !locations.contains(dpop)) {
			return Set.copyOf(locations);
		}
		Set<TokenLocation> withoutDPoP = new LinkedHashSet<>(locations);
		withoutDPoP.remove(dpop);
		return Set.copyOf(withoutDPoP);
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
		return resolve(request, this.locations);
	}

	/**
	 * Finds the token that one provider of a requirement set reads from the request: only
	 * that provider's {@link #requirementSetLocations requirement set locations} are
	 * read.
	 * @param request the request
	 * @param providerId the provider id
	 * @return the token, or {@code null} when the request carries none there
	 * @throws JwtVerificationException when the request carries more than one token there
	 */
	public @Nullable ResolvedToken resolve(TokenRequest request, String providerId) {
		Set<TokenLocation> locations = this.setLocationsByProvider.get(providerId);
		return (locations != null) ? resolve(request, locations) : null;
	}

	private @Nullable ResolvedToken resolve(TokenRequest request, Iterable<TokenLocation> locations) {
		String token = null;
		Set<TokenLocation> found = null;
		for (TokenLocation location : locations) {
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
