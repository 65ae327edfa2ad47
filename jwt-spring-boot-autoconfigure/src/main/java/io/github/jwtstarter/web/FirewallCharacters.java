package io.github.jwtstarter.web;

import org.jspecify.annotations.Nullable;

/**
 * The character rules of Spring Security's strict firewalls ({@code StrictHttpFirewall},
 * {@code StrictServerWebExchangeFirewall}) for header names and values, written as a loop
 * over the characters instead of their regular expressions: every code point assigned and
 * not a control character, a tab also allowed in values. Same answers (the tests compare
 * them on every code point of the Basic Multilingual Plane); the regular expression cost
 * about a quarter of a repeated-token request, since it ran over the whole token each
 * time the token's header was read.
 */
public final class FirewallCharacters {

	private FirewallCharacters() {
	}

	/**
	 * Whether a header name passes: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}.
	 * @param name the header name, {@code null} for an absent one (allowed)
	 * @return whether it is allowed
	 */
	public static boolean isAllowedHeaderName(@Nullable String name) {
		return isAllowed(name, false);
	}

	/**
	 * Whether a header value passes: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}.
	 * @param value the header value, {@code null} for an absent header (allowed, as the
	 * reactive firewall asks about headers that are not there)
	 * @return whether it is allowed
	 */
	public static boolean isAllowedHeaderValue(@Nullable String value) {
		return isAllowed(value, true);
	}

	private static boolean isAllowed(@Nullable String value, boolean tab) {
		if (value == null) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c >= 0x7f) {
				return isAllowedFrom(value, i, tab);
			}
		}
		return true;
	}

	private static boolean isAllowedFrom(String value, int start, boolean tab) {
		int i = start;
		while (i < value.length()) {
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
