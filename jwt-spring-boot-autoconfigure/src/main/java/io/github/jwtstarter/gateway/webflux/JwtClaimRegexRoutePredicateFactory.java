package io.github.jwtstarter.gateway.webflux;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtClaimRegex=claim,regex}: the claim of the verified token, or one element of a
 * list claim, matches the regular expression as a whole.
 *
 * @see JwtGatewayPredicates#jwtClaimRegex(String, String)
 */
public final class JwtClaimRegexRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtClaimRegexRoutePredicateFactory.Config> {

	public JwtClaimRegexRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("claim", "regex");
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		Assert.notNull(config.getClaim(), "claim cannot be null");
		Assert.notNull(config.getRegex(), "regex cannot be null");
		return JwtGatewayPredicates.jwtClaimRegex(config.getClaim(), config.getRegex());
	}

	/**
	 * The arguments of {@code JwtClaimRegex}.
	 */
	public static class Config {

		private @Nullable String claim;

		private @Nullable String regex;

		public @Nullable String getClaim() {
			return this.claim;
		}

		public void setClaim(@Nullable String claim) {
			this.claim = claim;
		}

		public @Nullable String getRegex() {
			return this.regex;
		}

		public void setRegex(@Nullable String regex) {
			this.regex = regex;
		}

	}

}
