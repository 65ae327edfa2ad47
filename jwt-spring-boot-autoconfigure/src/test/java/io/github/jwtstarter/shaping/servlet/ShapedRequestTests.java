package io.github.jwtstarter.shaping.servlet;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.shaping.ClaimHeader;
import io.github.jwtstarter.shaping.ProviderShaping;
import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Request shaping applied to single servlet requests ({@link RequestShaping}'s edits
 * through {@link ShapedRequest}, as the JWT filter applies them), with providers and
 * tokens verified for real.
 */
class ShapedRequestTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final JwtProvider CORP = provider("corp", CORP_KEY);

	static final RSAKey PLAIN_KEY = TestKeys.rsa("plain-1");

	static final JwtProvider PLAIN = provider("plain", PLAIN_KEY);

	static JwtProvider provider(String id, RSAKey key) {
		JwtProviderFactory factory = JwtProviderFactory.jdk(null, Clock.systemUTC());
		return factory.provider(id, "https://" + id + ".example")
			.keys(() -> factory.localKeys(new JWKSet(key.toPublicJWK())))
			.authenticationConverter(
					new ProviderJwtAuthenticationConverter(id, "sub", ClaimAuthoritiesConverter.scopes()))
			.build();
	}

	static VerifiedJwt verified(JwtProvider provider, RSAKey key, Map<String, Object> claims) {
		TestJwts token = TestJwts.issuer(provider.getIssuer()).subject("alice");
		claims.forEach(token::claim);
		Jwt jwt = provider.getDecoder().decode(token.signWith(key));
		return new VerifiedJwt(provider, jwt, provider.getAuthenticationConverter().convert(jwt));
	}

	static Shaper customizer(List<ClaimHeader> corpHeaders, boolean corpKeepsToken) {
		Map<String, ProviderShaping> providers = new LinkedHashMap<>();
		providers.put("corp", new ProviderShaping(corpHeaders, corpKeepsToken));
		providers.put("plain", new ProviderShaping(List.of(), true));
		return new Shaper(new RequestShaping(providers));
	}

	/**
	 * What the JWT filter does with the shaping rules.
	 */
	record Shaper(RequestShaping shaping) {

		HttpServletRequest customize(HttpServletRequest request, @Nullable VerifiedJwt verified,
				@Nullable ResolvedToken token) {
			RequestEdits edits = this.shaping.edits(verified, token,
					(name) -> Collections.list(request.getHeaders(name)), Collections.list(request.getHeaderNames()));
			return edits.isEmpty() ? request : new ShapedRequest(request, edits);
		}

	}

	@Test
	void anonymousRequestWithoutConfiguredHeadersIsPassedOnUnwrapped() {
		Shaper customizer = customizer(List.of(new ClaimHeader("org", "x-company", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("x-other", "1");
		assertThat(customizer.customize(request, null, null)).isSameAs(request);
	}

	@Test
	void requestOfProviderWithoutShapingIsPassedOnUnwrapped() {
		Shaper customizer = customizer(List.of(new ClaimHeader("org", "x-company", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(customizer.customize(request, verified(PLAIN, PLAIN_KEY, Map.of()), null)).isSameAs(request);
	}

	@Test
	void anonymousRequestLosesEveryConfiguredHeader() {
		Shaper customizer = customizer(
				List.of(new ClaimHeader("org", "x-company", false), new ClaimHeader("team", "x-team", true)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Company", "solo.io");
		request.addHeader("X-Team", "red");
		request.addHeader("X-Other", "kept");
		HttpServletRequest shaped = customizer.customize(request, null, null);
		assertThat(shaped.getHeader("x-company")).isNull();
		assertThat(Collections.list(shaped.getHeaders("X-TEAM"))).isEmpty();
		assertThat(shaped.getHeader("x-other")).isEqualTo("kept");
		assertThat(Collections.list(shaped.getHeaderNames())).containsExactly("X-Other");
	}

	@Test
	void claimHeaderIsLookedUpCaseInsensitivelyAndNamedOnce() {
		Shaper customizer = customizer(List.of(new ClaimHeader("org", "X-Company", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("x-COMPANY", "spoofed");
		HttpServletRequest shaped = customizer.customize(request, verified(CORP, CORP_KEY, Map.of("org", "solo.io")),
				null);
		assertThat(shaped.getHeader("x-company")).isEqualTo("solo.io");
		assertThat(shaped.getHeader("X-COMPANY")).isEqualTo("solo.io");
		assertThat(Collections.list(shaped.getHeaders("X-Company"))).containsExactly("solo.io");
		assertThat(Collections.list(shaped.getHeaderNames())).containsExactly("X-Company");
	}

	@Test
	void intAndDateLookupsSeeTheShapedHeaders() {
		Shaper customizer = customizer(
				List.of(new ClaimHeader("level", "x-level", false), new ClaimHeader("since", "x-since", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("x-since", "Tue, 15 Nov 1994 08:12:31 GMT");
		HttpServletRequest shaped = customizer.customize(request, verified(CORP, CORP_KEY, Map.of("level", 42)), null);
		assertThat(shaped.getIntHeader("X-Level")).isEqualTo(42);
		assertThat(shaped.getDateHeader("x-since")).isEqualTo(-1);
		assertThat(shaped.getIntHeader("x-absent")).isEqualTo(-1);
	}

	@Test
	void headerMappedInBothModesDropsTheClientValues() {
		Shaper customizer = customizer(
				List.of(new ClaimHeader("org", "x-who", true), new ClaimHeader("sub", "x-who", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("x-who", "spoofed");
		HttpServletRequest shaped = customizer.customize(request, verified(CORP, CORP_KEY, Map.of("org", "solo.io")),
				null);
		assertThat(Collections.list(shaped.getHeaders("x-who"))).containsExactly("solo.io", "alice");
	}

	@Test
	void claimsAppendedToOneHeaderFollowTheClientValues() {
		Shaper customizer = customizer(
				List.of(new ClaimHeader("org", "x-who", true), new ClaimHeader("sub", "x-who", true)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("x-who", "one");
		request.addHeader("x-who", "two");
		HttpServletRequest shaped = customizer.customize(request, verified(CORP, CORP_KEY, Map.of("org", "solo.io")),
				null);
		assertThat(Collections.list(shaped.getHeaders("x-who"))).containsExactly("one", "two", "solo.io", "alice");
		assertThat(shaped.getHeader("x-who")).isEqualTo("one");
	}

	@Test
	void valueWithLineBreakIsNotSet() {
		Shaper customizer = customizer(List.of(new ClaimHeader("motto", "x-motto", false)), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		HttpServletRequest shaped = customizer.customize(request,
				verified(CORP, CORP_KEY, Map.of("motto", "a\r\nX-Injected: 1")), null);
		assertThat(shaped.getHeader("x-motto")).isNull();
		assertThat(shaped.getHeader("x-injected")).isNull();
	}

	@Test
	void hiddenTokenIsRemovedFromEveryLocationItWasFoundIn() {
		Shaper customizer = customizer(List.of(), false);
		VerifiedJwt verified = verified(CORP, CORP_KEY, Map.of());
		String token = verified.jwt().getTokenValue();
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", "Bearer " + token);
		request.setQueryString("access_token=" + token + "&page=2");
		request.addParameter("access_token", token);
		request.addParameter("page", "2");
		request.setCookies(new Cookie("jwt", token), new Cookie("theme", "dark"));
		request.addHeader("Cookie", "jwt=" + token + "; theme=dark");
		ResolvedToken resolved = new ResolvedToken(token, Set.of(TokenLocation.bearerHeader(),
				TokenLocation.queryParam("access_token"), TokenLocation.cookie("jwt")));
		HttpServletRequest shaped = customizer.customize(request, verified, resolved);
		assertThat(shaped.getHeader("AUTHORIZATION")).isNull();
		assertThat(shaped.getQueryString()).isEqualTo("page=2");
		assertThat(shaped.getParameter("access_token")).isNull();
		assertThat(shaped.getParameterValues("access_token")).isNull();
		assertThat(shaped.getParameterMap()).containsOnlyKeys("page");
		assertThat(Collections.list(shaped.getParameterNames())).containsExactly("page");
		assertThat(shaped.getCookies()).extracting(Cookie::getName).containsExactly("theme");
		assertThat(shaped.getHeader("cookie")).isEqualTo("theme=dark");
		assertThat(Collections.list(shaped.getHeaderNames())).doesNotContain("Authorization")
			.containsOnlyOnce("cookie");
	}

	@Test
	void hiddenDPoPTokenTakesItsProofAlong() {
		Shaper customizer = customizer(List.of(), false);
		VerifiedJwt verified = verified(CORP, CORP_KEY, Map.of());
		String token = verified.jwt().getTokenValue();
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", "DPoP " + token);
		request.addHeader("DPoP", "proof");
		ResolvedToken resolved = new ResolvedToken(token, Set.of(TokenLocation.dpopHeader()));
		HttpServletRequest shaped = customizer.customize(request, verified, resolved);
		assertThat(shaped.getHeader("Authorization")).isNull();
		assertThat(shaped.getHeader("dpop")).isNull();
		assertThat(Collections.list(shaped.getHeaderNames())).doesNotContain("Authorization", "DPoP");
		assertThat(customizer(List.of(), true).customize(request, verified, resolved).getHeader("DPoP"))
			.isEqualTo("proof");
	}

	@Test
	void failedTokenPassedOnAnonymouslyIsRemovedFromEveryLocationWhateverKeepToken() {
		Shaper customizer = customizer(List.of(), true);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", "DPoP expired");
		request.addHeader("DPoP", "proof");
		request.setQueryString("access_token=expired&page=2");
		request.addParameter("access_token", "expired");
		request.addParameter("page", "2");
		request.setCookies(new Cookie("token", "expired"), new Cookie("theme", "dark"));
		request.addHeader("Cookie", "token=expired; theme=dark");
		ResolvedToken resolved = new ResolvedToken("expired", Set.of(TokenLocation.dpopHeader(),
				TokenLocation.queryParam("access_token"), TokenLocation.cookie("token")));
		HttpServletRequest shaped = customizer.customize(request, null, resolved);
		assertThat(shaped.getHeader("Authorization")).isNull();
		assertThat(shaped.getHeader("DPoP")).isNull();
		assertThat(shaped.getQueryString()).isEqualTo("page=2");
		assertThat(shaped.getParameter("access_token")).isNull();
		assertThat(shaped.getParameter("page")).isEqualTo("2");
		assertThat(shaped.getCookies()).extracting(Cookie::getName).containsExactly("theme");
		assertThat(shaped.getHeader("Cookie")).isEqualTo("theme=dark");
	}

	@Test
	void constructorWhenProvidersNullThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestShaping(null))
			.withMessage("providers cannot be null");
	}

	@Test
	void claimHeaderWhenClaimEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimHeader("", "x-company", false))
			.withMessage("claim cannot be empty");
	}

	@Test
	void claimHeaderWhenHeaderEmptyThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimHeader("org", " ", false))
			.withMessage("header cannot be empty");
	}

	@Test
	void providerShapingWhenClaimHeadersNullThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProviderShaping(null, true))
			.withMessage("claimHeaders cannot be null");
	}

	@Test
	void claimPathThroughDottedKeyIsCopiedIntoHeader() {
		Shaper customizer = customizer(List.of(new ClaimHeader("kubernetes.io.namespace", "x-namespace", false),
				new ClaimHeader("[kubernetes.io].serviceaccount.name", "x-service-account", false)), true);
		HttpServletRequest shaped = customizer.customize(new MockHttpServletRequest(), verified(CORP, CORP_KEY,
				Map.of("kubernetes.io", Map.of("namespace", "default", "serviceaccount", Map.of("name", "svc-a")))),
				null);
		assertThat(shaped.getHeader("x-namespace")).isEqualTo("default");
		assertThat(shaped.getHeader("x-service-account")).isEqualTo("svc-a");
	}

}
