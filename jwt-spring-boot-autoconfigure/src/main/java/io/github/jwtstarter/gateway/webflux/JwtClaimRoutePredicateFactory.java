package io.github.jwtstarter.gateway.webflux;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtClaim=claim,value}: the claim of the verified token, or one element of a list
 * claim, equals the value.
 *
 * @see JwtGatewayPredicates#jwtClaim(String, String)
 */
public final class JwtClaimRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtClaimRoutePredicateFactory.Config> {

	public JwtClaimRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("claim", "value");
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		Assert.notNull(config.getClaim(), "claim cannot be null");
		Assert.notNull(config.getValue(), "value cannot be null");
		return JwtGatewayPredicates.jwtClaim(config.getClaim(), config.getValue());
	}

	/**
	 * The arguments of {@code JwtClaim}.
	 */
	public static class Config {

		private @Nullable String claim;

		private @Nullable String value;

		public @Nullable String getClaim() {
			return this.claim;
		}

		public void setClaim(@Nullable String claim) {
			this.claim = claim;
		}

		public @Nullable String getValue() {
			return this.value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

	}

}
