package io.github.jwtstarter.web.servlet;

import java.util.Map;
import java.util.Set;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link io.github.jwtstarter.web.TokenResolver} on servlet requests, read through the
 * servlet layer's adapter as {@link JwtAuthenticationFilter} reads them: every location
 * of every provider, prefixes, query strings, cookies, and the multiple-token rules.
 */
class TokenResolverTests {

	static final TokenLocation BEARER = TokenLocation.bearerHeader();

	static final TokenLocation PARTNER_HEADER = TokenLocation.header("X-Partner-Token", "");

	static final TokenLocation QUERY = TokenLocation.queryParam("access_token");

	static final TokenLocation COOKIE = TokenLocation.cookie("corp_token");

	final TokenResolver resolver = new TokenResolver(
			Map.of("corp", Set.of(BEARER, QUERY, COOKIE), "partner", Set.of(BEARER, PARTNER_HEADER)));

	ResolvedToken resolve(MockHttpServletRequest request) {
		return this.resolver.resolve(new ServletTokenRequest(request));
	}

	JwtFailure rejection(MockHttpServletRequest request) {
		return assertThatExceptionOfType(JwtVerificationException.class).isThrownBy(() -> resolve(request))
			.actual()
			.getFailure();
	}

	static MockHttpServletRequest request() {
		return new MockHttpServletRequest("GET", "/api/pets");
	}

	@Test
	void constructorWhenLocationsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenResolver(null))
			.withMessage("locationsByProvider cannot be null");
	}

	@Test
	void locationsWhenProvidersShareALocationThenItIsReadOnce() {
		assertThat(this.resolver.locations()).containsExactlyInAnyOrder(BEARER, QUERY, COOKIE, PARTNER_HEADER);
	}

	@Test
	void resolveWhenNoTokenThenNull() {
		MockHttpServletRequest request = request();
		request.addHeader("Accept", "application/json");
		request.setQueryString("page=2");
		request.setCookies(new Cookie("session", "x"));
		assertThat(resolve(request)).isNull();
	}

	@Test
	void resolveWhenBearerHeaderThenTokenWithoutThePrefix() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer a.b.c");
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("a.b.c", Set.of(BEARER)));
	}

	@Test
	void resolveWhenPrefixInOtherCaseAndPaddedThenTokenStripped() {
		MockHttpServletRequest request = request();
		request.addHeader("authorization", "bEARER   a.b.c  ");
		assertThat(resolve(request).token()).isEqualTo("a.b.c");
	}

	@Test
	void resolveWhenHeaderHasAnotherSchemeThenNoToken() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Basic YWxpY2U6c2VjcmV0");
		assertThat(resolve(request)).isNull();
	}

	@Test
	void resolveWhenSchemeWithoutTokenThenEmptyToken() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer");
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("", Set.of(BEARER)));
	}

	@Test
	void resolveWhenAuthorizationHeaderIsEmptyThenNoToken() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "");
		assertThat(resolve(request)).isNull();
	}

	@Test
	void resolveWhenHeaderWithoutPrefixThenWholeValueStrippedInAnyNameCase() {
		MockHttpServletRequest request = request();
		request.addHeader("x-partner-token", " a.b.c ");
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("a.b.c", Set.of(PARTNER_HEADER)));
	}

	@Test
	void resolveWhenHeaderWithoutPrefixIsEmptyThenEmptyToken() {
		MockHttpServletRequest request = request();
		request.addHeader("X-Partner-Token", "");
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("", Set.of(PARTNER_HEADER)));
	}

	@Test
	void resolveWhenTwoAuthorizationHeadersThenMultipleTokens() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer a.b.c");
		request.addHeader("Authorization", "Bearer a.b.c");
		assertThat(rejection(request)).isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void resolveWhenQueryParamThenDecodedToken() {
		MockHttpServletRequest request = request();
		request.setQueryString("page=2&access_token=a%2Eb.c&sort=name");
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("a.b.c", Set.of(QUERY)));
	}

	@Test
	void resolveWhenQueryParamHasNoValueThenEmptyToken() {
		MockHttpServletRequest request = request();
		request.setQueryString("access_token");
		assertThat(resolve(request).token()).isEmpty();
		request.setQueryString("access_token=");
		assertThat(resolve(request).token()).isEmpty();
	}

	@Test
	void resolveWhenQueryParamTwiceThenMultipleTokens() {
		MockHttpServletRequest request = request();
		request.setQueryString("access_token=a.b.c&access_token=a.b.c");
		assertThat(rejection(request)).isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void resolveWhenQueryParamIsBadlyEncodedThenMalformed() {
		MockHttpServletRequest request = request();
		request.setQueryString("access_token=%zz");
		assertThat(rejection(request)).isEqualTo(JwtFailure.MALFORMED);
	}

	@Test
	void resolveWhenParameterIsOnlyInTheBodyThenNoToken() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/pets");
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("access_token", "a.b.c");
		assertThat(resolve(request)).isNull();
	}

	@Test
	void resolveWhenCookieThenToken() {
		MockHttpServletRequest request = request();
		request.setCookies(new Cookie("other", "x"), new Cookie("corp_token", "a.b.c"));
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("a.b.c", Set.of(COOKIE)));
	}

	@Test
	void resolveWhenCookieTwiceThenMultipleTokens() {
		MockHttpServletRequest request = request();
		request.setCookies(new Cookie("corp_token", "a.b.c"), new Cookie("corp_token", "d.e.f"));
		assertThat(rejection(request)).isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void resolveWhenSameTokenInTwoLocationsThenOneTokenFoundInBoth() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer a.b.c");
		request.setQueryString("access_token=a.b.c");
		request.setCookies(new Cookie("corp_token", "a.b.c"));
		assertThat(resolve(request)).isEqualTo(new ResolvedToken("a.b.c", Set.of(BEARER, QUERY, COOKIE)));
	}

	@Test
	void resolveWhenDifferentTokensInTwoLocationsThenMultipleTokens() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer a.b.c");
		request.setCookies(new Cookie("corp_token", "d.e.f"));
		assertThat(rejection(request)).isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void resolveWhenEmptyAndNonEmptyTokenThenMultipleTokens() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer a.b.c");
		request.addHeader("X-Partner-Token", "");
		assertThat(rejection(request)).isEqualTo(JwtFailure.MULTIPLE_TOKENS);
	}

	@Test
	void acceptsWhenProviderReadsEveryLocationOfTheTokenThenTrue() {
		assertThat(this.resolver.accepts("corp", Set.of(BEARER, COOKIE))).isTrue();
		assertThat(this.resolver.accepts("partner", Set.of(PARTNER_HEADER))).isTrue();
	}

	@Test
	void acceptsWhenProviderDoesNotReadOneOfTheLocationsThenFalse() {
		assertThat(this.resolver.accepts("partner", Set.of(BEARER, COOKIE))).isFalse();
		assertThat(this.resolver.accepts("corp", Set.of(PARTNER_HEADER))).isFalse();
	}

	@Test
	void acceptsWhenProviderUnknownThenFalse() {
		assertThat(this.resolver.accepts("unknown", Set.of(BEARER))).isFalse();
	}

}
