package io.github.jwtstarter.gateway.webflux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.gateway.JwtGatewayArguments;
import io.github.jwtstarter.shaping.ClaimHeader;
import io.github.jwtstarter.shaping.ClaimHeaders;
import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.reactive.ShapedServerHttpRequest;
import io.github.jwtstarter.web.reactive.JwtAuthentications;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtClaimsToHeaders=claim:header,...}: copies claims of the verified token into
 * request headers for this route, rendered as {@code claims-to-headers} renders them.
 * Every client-sent header of a mapped name is removed first, so the upstream only ever
 * sees values taken from a verified token; without one, the headers are only removed. The
 * header name follows the last colon, so a claim path may contain colons.
 */
public final class JwtClaimsToHeadersGatewayFilterFactory
		extends AbstractGatewayFilterFactory<JwtClaimsToHeadersGatewayFilterFactory.Config> {

	public JwtClaimsToHeadersGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("mappings");
	}

	@Override
	public GatewayFilter apply(Config config) {
		return new ClaimsToHeadersFilter(JwtGatewayArguments.claimHeaders(mappings(config.getMappings())));
	}

	// the expanded form binds "org:x-company,sub:x-user" as one element
	private static String[] mappings(List<String> values) {
		return values.stream()
			.flatMap((value) -> Arrays.stream(StringUtils.commaDelimitedListToStringArray(value)))
			.map(String::strip)
			.filter((mapping) -> !mapping.isEmpty())
			.toArray(String[]::new);
	}

	/**
	 * The argument of {@code JwtClaimsToHeaders}: each {@code claim:header}.
	 */
	public static class Config {

		private List<String> mappings = new ArrayList<>();

		public List<String> getMappings() {
			return this.mappings;
		}

		public void setMappings(List<String> mappings) {
			this.mappings = mappings;
		}

	}

	private static final class ClaimsToHeadersFilter implements GatewayFilter {

		private final ClaimHeaders headers;

		ClaimsToHeadersFilter(List<ClaimHeader> headers) {
			Assert.notEmpty(headers, "headers cannot be empty");
			this.headers = new ClaimHeaders(headers);
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			return JwtAuthentications.of(exchange)
				.map(ClaimsToHeadersFilter::verifiedClaims)
				.defaultIfEmpty(Map.of())
				.flatMap((claims) -> chain.filter(shaped(exchange, claims.isEmpty() ? null : claims)));
		}

		private ServerWebExchange shaped(ServerWebExchange exchange, @Nullable Map<String, Object> claims) {
			ServerHttpRequest request = exchange.getRequest();
			RequestEdits edits = this.headers.edits(claims, (name) -> values(request.getHeaders(), name),
					request.getHeaders().headerNames());
			return exchange.mutate().request(new ShapedServerHttpRequest(request, edits)).build();
		}

		private static List<String> values(HttpHeaders headers, String name) {
			List<String> values = headers.get(name);
			return (values != null) ? values : List.of();
		}

		private static Map<String, Object> verifiedClaims(Authentication authentication) {
			return (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated())
					? jwt.getToken().getClaims() : Map.of();
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof ClaimsToHeadersFilter that && this.headers.equals(that.headers);
		}

		@Override
		public int hashCode() {
			return this.headers.hashCode();
		}

		@Override
		public String toString() {
			return JwtGatewayArguments.CLAIMS_TO_HEADERS + " " + this.headers;
		}

	}

}
