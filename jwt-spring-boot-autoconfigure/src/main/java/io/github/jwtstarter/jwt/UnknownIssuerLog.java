package io.github.jwtstarter.jwt;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes an {@code unknown issuer} rejection diagnosable at DEBUG: names the token's
 * {@code iss} (capped, control characters escaped: it is attacker-controlled text) and a
 * configured issuer it nearly matches, one that differs only by a trailing slash, letter
 * case or the scheme ({@code http} and {@code https}). Runs only on that failure and only
 * when DEBUG is on, so it costs nothing on the hot path.
 */
final class UnknownIssuerLog {

	static final int MAX_LOGGED_LENGTH = 200;

	private static final Log logger = LogFactory.getLog(JwtVerifier.class);

	private UnknownIssuerLog() {
	}

	static void debug(String issuer, JwtProviderRegistry registry) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		String nearMatch = null;
		for (JwtProvider provider : registry.providers()) {
			if (isNearMatch(issuer, provider.getIssuer())) {
				nearMatch = provider.getIssuer();
				break;
			}
		}
		logger.debug("Rejected token: unknown issuer, iss=" + quoted(issuer)
				+ ((nearMatch != null) ? "; the configured issuer " + quoted(nearMatch)
						+ " differs only by a trailing slash, letter case " + "or scheme (issuers are compared exactly)"
						: "; no configured issuer is close to it"));
	}

	/**
	 * Returns whether two issuers differ only by a trailing slash, letter case or the
	 * scheme {@code http}/{@code https}.
	 * @param issuer the token's issuer
	 * @param configured a configured issuer
	 * @return whether the configured issuer is a near match
	 */
	static boolean isNearMatch(String issuer, String configured) {
		return !issuer.equals(configured) && normalized(issuer).equals(normalized(configured));
	}

	private static String normalized(String issuer) {
		String normalized = issuer.toLowerCase(Locale.ROOT);
		if (normalized.startsWith("https://")) {
			normalized = "http://" + normalized.substring("https://".length());
		}
		while (normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		return normalized;
	}

	/**
	 * Quotes text for a log line: at most {@link #MAX_LOGGED_LENGTH} characters, control
	 * characters (and the quote and backslash) escaped, so that a token cannot forge log
	 * lines.
	 * @param text the text
	 * @return the quoted text
	 */
	static String quoted(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_LOGGED_LENGTH) + 16).append('"');
		int length = Math.min(text.length(), MAX_LOGGED_LENGTH);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		quoted.append('"');
		if (text.length() > MAX_LOGGED_LENGTH) {
			quoted.append("... (").append(text.length()).append(" characters)");
		}
		return quoted.toString();
	}

}
