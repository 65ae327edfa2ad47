package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.gateway.webflux.JwtAuthenticatedRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtAuthorityRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimRegexRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtClaimsToHeadersGatewayFilterFactory;
import io.github.jwtstarter.gateway.webflux.JwtGatewayWebFluxRoutesCheck;
import io.github.jwtstarter.gateway.webflux.JwtProviderRoutePredicateFactory;
import io.github.jwtstarter.gateway.webflux.JwtTenantRoutePredicateFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Auto-configuration of the JWT route predicate factories ({@code JwtClaim},
 * {@code JwtClaimRegex}, {@code JwtProvider}, {@code JwtAuthority},
 * {@code JwtAuthenticated}) and the {@code JwtClaimsToHeaders} filter factory for Spring
 * Cloud Gateway Server WebFlux, the same names and arguments as on Server Web MVC. Before
 * any bean is created, the JWT predicates and filters of the configured routes are
 * checked once ({@link JwtGatewayWebFluxRoutesCheck}), so that a wrong argument fails
 * startup naming the route. Absent the gateway, or with
 * {@code spring.cloud.gateway.server.webflux.enabled=false}, nothing is configured.
 * <p>
 * The gateway's {@code globalcors} settings are also given to Spring Security as its
 * {@code CorsConfigurationSource} (unless the application declares one): the gateway
 * consults them only once a route matched, and a CORS preflight carries no token, so it
 * would never match a route whose predicates need one. Spring Security answers it before
 * any route is chosen, as the starter's chain lets every preflight through to CORS.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class,
		beforeName = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ JwtDecoder.class, RoutePredicateFactory.class })
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
@ConditionalOnJwtProviders
public final class JwtGatewayWebFluxAutoConfiguration {

	/**
	 * Checks the configured routes before any bean is created.
	 * @param environment where the routes and providers are configured
	 * @return the check
	 */
	@Bean
	static JwtGatewayWebFluxRoutesCheck jwtGatewayWebFluxRoutesCheck(Environment environment) {
		return new JwtGatewayWebFluxRoutesCheck(environment, ProviderIds.of(environment));
	}

	/**
	 * The gateway's {@code globalcors} settings as Spring Security's CORS configuration.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnGatewayGlobalCorsCondition.class)
	static class GlobalCorsConfiguration {

		@Bean
		@ConditionalOnMissingBean(CorsConfigurationSource.class)
		UrlBasedCorsConfigurationSource jwtGatewayGlobalCorsConfigurationSource(Environment environment) {
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.setCorsConfigurations(OnGatewayGlobalCorsCondition.configurations(environment));
			return source;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GatewayWebFluxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtClaimRoutePredicateFactory jwtClaimRoutePredicateFactory() {
			return new JwtClaimRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtClaimRegexRoutePredicateFactory jwtClaimRegexRoutePredicateFactory() {
			return new JwtClaimRegexRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtProviderRoutePredicateFactory jwtProviderRoutePredicateFactory() {
			return new JwtProviderRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtTenantRoutePredicateFactory jwtTenantRoutePredicateFactory() {
			return new JwtTenantRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthorityRoutePredicateFactory jwtAuthorityRoutePredicateFactory() {
			return new JwtAuthorityRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthenticatedRoutePredicateFactory jwtAuthenticatedRoutePredicateFactory() {
			return new JwtAuthenticatedRoutePredicateFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtClaimsToHeadersGatewayFilterFactory jwtClaimsToHeadersGatewayFilterFactory() {
			return new JwtClaimsToHeadersGatewayFilterFactory();
		}

	}

}
