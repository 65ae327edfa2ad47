package io.github.jwtstarter.web.servlet;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules, and its header
 * name and value checks (every character assigned and not a control character; a tab
 * allowed in values) written as a loop over the characters rather than its regular
 * expressions. Same answers, measured on every code point by the tests; the regular
 * expression cost about a quarter of a repeated-token request, since it runs over the
 * whole token each time the {@code Authorization} header is read.
 */
public final class StrictHttpFirewalls {

	private StrictHttpFirewalls() {
	}

	/**
	 * Creates a firewall with Spring Security's default rules and the faster value checks.
	 * @return the firewall
	 */
	public static StrictHttpFirewall withDefaults() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames((name) -> isAllowed(name, false));
		firewall.setAllowedHeaderValues((value) -> isAllowed(value, true));
		return firewall;
	}

	/**
	 * Whether every code point is assigned and not a control character (optionally a tab):
	 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and with {@code tab},
	 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}.
	 */
	static boolean isAllowed(String value, boolean tab) {
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
