package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.gateway.webflux.JwtAuthenticatedRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtAuthorityRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimRegexRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimsToHeadersGatewayFilterFactory;
import io.github.jwtstarter.gateway.webflux.JwtProviderRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtTenantRoutePredicateFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Auto-configuration of the JWT route predicate factories ({@code JwtClaim},
 * {@code JwtClaimRegex}, {@code JwtProvider}, {@code JwtAuthority},
 * {@code JwtAuthenticated}) and the {@code JwtClaimsToHeaders} filter factory for Spring
 * Cloud Gateway Server WebFlux, the same names and arguments as on Server Web MVC. Before
 * the gateway builds its YAML routes, their JWT predicates and filters are checked, so
 * that a wrong argument fails startup naming the route. Absent the gateway, or with
 * {@code spring.cloud.gateway.server.webflux.enabled=false}, nothing is configured.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class,
		beforeName = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ JwtDecoder.class, RoutePredicateFactory.class })
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
@ConditionalOnJwtProviders
public final class JwtGatewayWebFluxAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class GatewayWebFluxConfiguration {

		@Bean
		GatewayWebFluxRoutesValidator jwtGatewayWebFluxRoutesValidator(Environment environment,
				JwtProperties properties) {
			return new GatewayWebFluxRoutesValidator(environment, properties.getProviders().keySet());
		}

		@Bean
		@ConditionalOnMissingBean
		JwtClaimRoutePredicateFactory jwtClaimRoutePredicateFactory(GatewayWebFluxRoutesValidator validated) {
			return new JwtClaimRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtClaimRegexRoutePredicateFactory jwtClaimRegexRoutePredicateFactory(GatewayWebFluxRoutesValidator validated) {
			return new JwtClaimRegexRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtProviderRoutePredicateFactory jwtProviderRoutePredicateFactory(GatewayWebFluxRoutesValidator validated) {
			return new JwtProviderRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtTenantRoutePredicateFactory jwtTenantRoutePredicateFactory(GatewayWebFluxRoutesValidator validated) {
			return new JwtTenantRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthorityRoutePredicateFactory jwtAuthorityRoutePredicateFactory(GatewayWebFluxRoutesValidator validated) {
			return new JwtAuthorityRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthenticatedRoutePredicateFactory jwtAuthenticatedRoutePredicateFactory(
				GatewayWebFluxRoutesValidator validated) {
			return new JwtAuthenticatedRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtClaimsToHeadersGatewayFilterFactory jwtClaimsToHeadersGatewayFilterFactory(
				GatewayWebFluxRoutesValidator validated) {
			return new JwtClaimsToHeadersGatewayFilterFactory();
		}

	}

}
