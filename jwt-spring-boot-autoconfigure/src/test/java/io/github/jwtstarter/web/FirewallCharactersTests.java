package io.github.jwtstarter.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FirewallCharacters} in Spring Security's strict firewalls answers exactly as
 * their defaults, code point by code point (the whole Basic Multilingual Plane, a sample
 * of the other planes).
 */
class FirewallCharactersTests {

	private final HttpFirewall spring = new StrictHttpFirewall();

	private final HttpFirewall starter = starterFirewall();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/pets");

	private static StrictHttpFirewall starterFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::isAllowedHeaderName);
		firewall.setAllowedHeaderValues(FirewallCharacters::isAllowedHeaderValue);
		return firewall;
	}

	private static StrictServerWebExchangeFirewall starterServerFirewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::isAllowedHeaderName);
		firewall.setAllowedHeaderValues(FirewallCharacters::isAllowedHeaderValue);
		return firewall;
	}

	@Test
	void headerValuesAreJudgedAsByTheDefaultFirewallForEveryBmpAndManyOtherCodePoints() {
		// every code point of the Basic Multilingual Plane, then every 31st beyond it
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint += (codePoint <= Character.MAX_VALUE)
				? 1 : 31) {
			String value = new StringBuilder("Bearer a").appendCodePoint(codePoint).append('b').toString();
			assertThat(acceptsValue(this.starter, value)).as("U+%04X", codePoint)
				.isEqualTo(acceptsValue(this.spring, value));
		}
	}

	@Test
	void headerNamesAreJudgedAsByTheDefaultFirewallForEveryBmpCodePoint() {
		for (int codePoint = 0; codePoint <= Character.MAX_VALUE; codePoint++) {
			String name = new StringBuilder("X-").appendCodePoint(codePoint).toString();
			assertThat(acceptsName(this.starter, name)).as("U+%04X", codePoint)
				.isEqualTo(acceptsName(this.spring, name));
		}
	}

	@Test
	void headerValuesAreJudgedAsByTheDefaultReactiveFirewallForControlAndLatinCodePoints() {
		// the character rule itself is compared on every code point above, with the
		// servlet firewall
		ServerWebExchangeFirewall spring = new StrictServerWebExchangeFirewall();
		ServerWebExchangeFirewall starter = starterServerFirewall();
		for (int codePoint = 0; codePoint < 0x250; codePoint++) {
			String value = new StringBuilder("Bearer a").appendCodePoint(codePoint).append('b').toString();
			assertThat(acceptsValue(starter, value)).as("U+%04X", codePoint).isEqualTo(acceptsValue(spring, value));
		}
	}

	@Test
	void anAbsentHeaderIsAcceptedAsByTheDefaultReactiveFirewall() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/pets"));
		assertThat(starterServerFirewall().getFirewalledExchange(exchange)
			.block()
			.getRequest()
			.getHeaders()
			.getFirst("Authorization")).isNull();
	}

	@Test
	void pairedAndUnpairedSurrogatesAndTabsAreJudgedAsByTheDefaultFirewall() {
		for (String value : new String[] { "a\tb", "\t", "a\uD83D\uDE00b", "a\uD83Db", "\uDE00", "\uD83D",
				"\uD83D\uDE00\u0000", "é\u0085", "\u00A0\u2028", "\u0378", "" }) {
			assertThat(acceptsValue(this.starter, value)).as(value).isEqualTo(acceptsValue(this.spring, value));
		}
	}

	@Test
	void aControlCharacterInATokenHeaderIsStillRefused() {
		this.request.addHeader("Authorization", "Bearer abc\u0007def");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> this.starter.getFirewalledRequest(this.request).getHeader("Authorization"));
	}

	private boolean acceptsValue(HttpFirewall firewall, String value) {
		this.request.removeHeader("X-Test");
		this.request.addHeader("X-Test", value);
		try {
			firewall.getFirewalledRequest(this.request).getHeader("X-Test");
			return true;
		}
		catch (RequestRejectedException ex) {
			return false;
		}
	}

	private boolean acceptsName(HttpFirewall firewall, String name) {
		MockHttpServletRequest named = new MockHttpServletRequest("GET", "/api/pets");
		named.addHeader(name, "v");
		try {
			firewall.getFirewalledRequest(named).getHeader(name);
			return true;
		}
		catch (RequestRejectedException ex) {
			return false;
		}
	}

	private static boolean acceptsValue(ServerWebExchangeFirewall firewall, String value) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/pets").header("X-Test", value));
		try {
			firewall.getFirewalledExchange(exchange).block().getRequest().getHeaders().getFirst("X-Test");
			return true;
		}
		catch (ServerExchangeRejectedException ex) {
			return false;
		}
	}

}
