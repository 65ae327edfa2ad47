package io.github.jwtstarter.gateway.webflux;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtProvider=provider}: the token was verified by the provider (a key under
 * {@code jwt.providers}).
 *
 * @see JwtGatewayPredicates#jwtProvider(String)
 */
public final class JwtProviderRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtProviderRoutePredicateFactory.Config> {

	public JwtProviderRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("provider");
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		Assert.notNull(config.getProvider(), "provider cannot be null");
		return JwtGatewayPredicates.jwtProvider(config.getProvider());
	}

	/**
	 * The argument of {@code JwtProvider}.
	 */
	public static class Config {

		private @Nullable String provider;

		public @Nullable String getProvider() {
			return this.provider;
		}

		public void setProvider(@Nullable String provider) {
			this.provider = provider;
		}

	}

}
