package io.github.jwtstarter.gateway.webflux;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtAuthority=authority}: the verified token's Authentication holds the authority
 * (as mapped by the provider's {@code authorities}), e.g. {@code SCOPE_pets.read}.
 *
 * @see JwtGatewayPredicates#jwtAuthority(String)
 */
public final class JwtAuthorityRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtAuthorityRoutePredicateFactory.Config> {

	public JwtAuthorityRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("authority");
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		Assert.notNull(config.getAuthority(), "authority cannot be null");
		return JwtGatewayPredicates.jwtAuthority(config.getAuthority());
	}

	/**
	 * The argument of {@code JwtAuthority}.
	 */
	public static class Config {

		private @Nullable String authority;

		public @Nullable String getAuthority() {
			return this.authority;
		}

		public void setAuthority(@Nullable String authority) {
			this.authority = authority;
		}

	}

}
