package io.github.jwtstarter.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The cross-site request check for tokens a browser sends on its own (cookies): a request
 * with an unsafe method (anything but {@code GET}, {@code HEAD}, {@code OPTIONS},
 * {@code TRACE}) passes only with a same-origin signal, {@code Sec-Fetch-Site:
 * same-origin} or {@code none}, or else an {@code Origin} whose host and port equal the
 * {@code Host} header. Without either signal the request is refused: browsers send
 * {@code Origin} on every unsafe request, and a non-browser client can send its token in
 * a header instead. Stack-neutral: it sees header values only.
 */
final class CrossSiteCheck {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private CrossSiteCheck() {
	}

	/**
	 * Returns whether a cookie-authenticated request must be refused as cross-site.
	 * @param method the HTTP method
	 * @param secFetchSite the {@code Sec-Fetch-Site} header, or {@code null}
	 * @param origin the {@code Origin} header, or {@code null}
	 * @param host the {@code Host} header, or {@code null}
	 * @return {@code true} to refuse the request
	 */
	static boolean refuses(String method, @Nullable String secFetchSite, @Nullable String origin,
			@Nullable String host) {
		if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
			return false;
		}
		if (secFetchSite != null) {
			String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
			return !site.equals("same-origin") && !site.equals("none");
		}
		if (origin == null || host == null || origin.equals("null")) {
			return true;
		}
		try {
			URI uri = URI.create(origin.trim());
			if (uri.getHost() == null) {
				return true;
			}
			String authority = uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
			return !authority.equalsIgnoreCase(host.trim()) && !sameWithDefaultPort(uri, host.trim());
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	private static boolean sameWithDefaultPort(URI origin, String host) {
		int defaultPort = "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
		return origin.getPort() == -1 && host.equalsIgnoreCase(origin.getHost() + ":" + defaultPort);
	}

}
