package io.github.jwtstarter.shaping.reactive;

import java.util.List;

import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.reactive.JwtExchangeCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies {@link RequestShaping} to reactive exchanges through
 * {@link ServerWebExchange#mutate()}: {@code claims-to-headers} copies claims into request
 * headers and {@code keep-token: false} hides the token (header, query parameter or
 * cookie), with the anti-spoofing rules of {@link RequestShaping}.
 */
public final class RequestShapingExchangeCustomizer implements JwtExchangeCustomizer {

	private final RequestShaping shaping;

	/**
	 * Creates a customizer.
	 * @param shaping the shaping rules
	 */
	public RequestShapingExchangeCustomizer(RequestShaping shaping) {
		Assert.notNull(shaping, "shaping cannot be null");
		this.shaping = shaping;
	}

	@Override
	public ServerWebExchange customize(ServerWebExchange exchange, @Nullable VerifiedJwt verified,
			@Nullable ResolvedToken token) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		RequestEdits edits = this.shaping.edits(verified, token, (name) -> values(headers, name));
		if (edits.isEmpty()) {
			return exchange;
		}
		return exchange.mutate().request(new ShapedServerHttpRequest(request, edits)).build();
	}

	private static List<String> values(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values != null) ? values : List.of();
	}

}
