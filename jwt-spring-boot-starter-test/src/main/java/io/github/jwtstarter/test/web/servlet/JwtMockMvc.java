package io.github.jwtstarter.test.web.servlet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.jwtstarter.test.tokens.JwtTestToken;
import io.github.jwtstarter.test.tokens.JwtTestTokenBuilder;
import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;

/**
 * MockMvc support: sends a test token where its provider reads it.
 *
 * <pre class="code">
 * mvc.perform(get("/api/pets").with(withJwt(tokens.provider("corp").scopes("pets.read"))))
 *     .andExpect(status().isOk());
 * </pre>
 */
public final class JwtMockMvc {

	private JwtMockMvc() {
	}

	/**
	 * Returns a post-processor that puts the token in its provider's header (with its
	 * prefix), query parameter or cookie.
	 * @param token the token
	 * @return the post-processor
	 */
	public static RequestPostProcessor withJwt(JwtTestToken token) {
		Assert.notNull(token, "token cannot be null");
		return (request) -> {
			apply(token, request);
			return request;
		};
	}

	/**
	 * Returns a post-processor that puts the built token where its provider reads it.
	 * @param token the token builder
	 * @return the post-processor
	 */
	public static RequestPostProcessor withJwt(JwtTestTokenBuilder token) {
		Assert.notNull(token, "token cannot be null");
		return withJwt(token.build());
	}

	private static void apply(JwtTestToken token, MockHttpServletRequest request) {
		JwtTestToken.Placement placement = token.placement();
		String value = placement.valueOf(token.value());
		switch (placement.kind()) {
			case HEADER -> request.addHeader(placement.name(), value);
			case QUERY_PARAM -> {
				request.addParameter(placement.name(), value);
				String parameter = URLEncoder.encode(placement.name(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(value, StandardCharsets.UTF_8);
				String query = request.getQueryString();
				request.setQueryString((query != null && !query.isEmpty()) ? query + "&" + parameter : parameter);
			}
			case COOKIE -> {
				List<Cookie> cookies = new ArrayList<>();
				if (request.getCookies() != null) {
					cookies.addAll(Arrays.asList(request.getCookies()));
				}
				cookies.add(new Cookie(placement.name(), value));
				request.setCookies(cookies.toArray(new Cookie[0]));
			}
		}
	}

}
