package io.github.jwtstarter.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a DPoP proof's {@code htu} must name (RFC 9449 section 4.3): the request URI,
 * compared after normalization (scheme and host case-insensitive, default port and empty
 * path normalized, query and fragment ignored), or, when the provider names its public
 * origins, one of those origins followed by the request's path.
 */
final class DPoPTarget {

	private final Set<String> origins;

	/**
	 * Creates the target check of a provider.
	 * @param origins the public origins ({@code https://api.example.com}) a proof's
	 * {@code htu} must name, empty to compare it with the request URI
	 */
	DPoPTarget(Collection<String> origins) {
		Assert.notNull(origins, "origins cannot be null");
		Set<String> normalized = new LinkedHashSet<>();
		for (String origin : origins) {
			String value = normalizeOrigin(origin);
			Assert.isTrue(value != null, () -> "not an http(s) origin: " + origin);
			normalized.add(value);
		}
		this.origins = Set.copyOf(normalized);
	}

	/**
	 * Returns whether a proof's {@code htu} names the request: the request URI itself,
	 * or, when the provider names its public origins, one of them followed by the
	 * request's path (the {@code Host} and forwarded headers the URI was built from are
	 * then not trusted).
	 * @param target the request URI, normalized
	 * @param htu the proof's {@code htu}, normalized; {@code null} when it is not an
	 * absolute http(s) URI
	 * @return whether they match
	 */
	boolean matches(String target, @Nullable String htu) {
		if (htu == null) {
			return false;
		}
		if (this.origins.isEmpty()) {
			return target.equals(htu);
		}
		int htuPath = pathStart(htu);
		return target.substring(pathStart(target)).equals(htu.substring(htuPath))
				&& this.origins.contains(htu.substring(0, htuPath));
	}

	private static int pathStart(String normalized) {
		return normalized.indexOf('/', normalized.indexOf("://") + 3);
	}

	/**
	 * Returns a request URI without its query and fragment, the target a proof names.
	 * @param uri the request URI
	 * @return the URI up to its query or fragment
	 */
	static String withoutQuery(String uri) {
		int end = uri.length();
		int query = uri.indexOf('?');
		int fragment = uri.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		return uri.substring(0, end);
	}

	/**
	 * Normalizes an absolute http(s) URI for the {@code htu} comparison (RFC 9449 section
	 * 4.3, RFC 3986 section 6.2.2 and 6.2.3): lower-case scheme and host, no default
	 * port, {@code /} for an empty path, no user info, query or fragment.
	 * @param uri the URI
	 * @return the normalized URI, or {@code null} when it is not an absolute http(s) URI
	 */
	static @Nullable String normalize(String uri) {
		try {
			URI parsed = new URI(uri);
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
			String host = (parsed.getHost() != null) ? parsed.getHost().toLowerCase(Locale.ROOT) : null;
			if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
				return null;
			}
			int port = parsed.getPort();
			if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
				port = -1;
			}
			String path = parsed.getRawPath();
			return scheme + "://" + host + ((port >= 0) ? ":" + port : "")
					+ ((path == null || path.isEmpty()) ? "/" : path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Normalizes a configured public origin: an absolute http(s) URI without path (or
	 * with {@code /}), query, fragment or user info.
	 * @param origin the origin, e.g. {@code https://API.example.com:443}
	 * @return the normalized origin ({@code https://api.example.com}), or {@code null}
	 * when it is not such an origin
	 */
	static @Nullable String normalizeOrigin(String origin) {
		try {
			URI parsed = new URI(origin);
			if (parsed.getRawUserInfo() != null || parsed.getRawQuery() != null || parsed.getRawFragment() != null
					|| (parsed.getRawPath() != null && !parsed.getRawPath().isEmpty()
							&& !"/".equals(parsed.getRawPath()))) {
				return null;
			}
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String normalized = normalize(origin);
		return (normalized != null) ? normalized.substring(0, normalized.length() - 1) : null;
	}

	@Override
	public String toString() {
		return "origins=" + this.origins;
	}

}
