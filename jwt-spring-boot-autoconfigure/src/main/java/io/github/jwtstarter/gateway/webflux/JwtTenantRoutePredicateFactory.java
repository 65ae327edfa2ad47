package io.github.jwtstarter.gateway.webflux;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code JwtTenant=tenant}: the token was verified by the tenant of a multi-tenant
 * provider (the part of its {@code iss} in place of the issuer's {@code {tenant}}
 * placeholder).
 *
 * @see JwtGatewayPredicates#jwtTenant(String)
 */
public final class JwtTenantRoutePredicateFactory
		extends JwtRoutePredicateFactory<JwtTenantRoutePredicateFactory.Config> {

	public JwtTenantRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("tenant");
	}

	@Override
	AsyncPredicate<ServerWebExchange> predicate(Config config) {
		Assert.notNull(config.getTenant(), "tenant cannot be null");
		return JwtGatewayPredicates.jwtTenant(config.getTenant());
	}

	/**
	 * The argument of {@code JwtTenant}.
	 */
	public static class Config {

		private @Nullable String tenant;

		public @Nullable String getTenant() {
			return this.tenant;
		}

		public void setTenant(@Nullable String tenant) {
			this.tenant = tenant;
		}

	}

}
