package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.gateway.mvc.JwtGatewayFilterFunctions;
import io.github.jwtstarter.gateway.mvc.JwtGatewayMvcRoutesCheck;
import io.github.jwtstarter.gateway.mvc.JwtGatewayRequestPredicates;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.server.mvc.predicate.PredicateSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Auto-configuration of the JWT route predicates ({@code JwtClaim},
 * {@code JwtClaimRegex}, {@code JwtProvider}, {@code JwtAuthority},
 * {@code JwtAuthenticated}) and the {@code JwtClaimsToHeaders} filter for Spring Cloud
 * Gateway Server Web MVC, offered to the gateway's discovery as beans. Before any bean is
 * created, the JWT predicates and filters of the configured routes are checked once
 * ({@link JwtGatewayMvcRoutesCheck}), so that a wrong argument fails startup naming the
 * route. Error dispatches go to the annotated controllers before the routes
 * ({@link GatewayMvcErrorDispatches}), so that a request an application chain rejected
 * with {@code sendError} is answered with its error, never proxied upstream. Absent the
 * gateway, nothing is configured.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ JwtDecoder.class, PredicateSupplier.class })
@ConditionalOnJwtProviders
public final class JwtGatewayMvcAutoConfiguration {

	/**
	 * Checks the configured routes before any bean is created.
	 * @param environment where the routes and providers are configured
	 * @return the check
	 */
	@Bean
	static JwtGatewayMvcRoutesCheck jwtGatewayMvcRoutesCheck(Environment environment) {
		return new JwtGatewayMvcRoutesCheck(environment, ProviderIds.of(environment));
	}

	@Configuration(proxyBeanMethods = false)
	static class GatewayMvcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtGatewayRequestPredicates.PredicateSupplier jwtGatewayRequestPredicateSupplier() {
			return new JwtGatewayRequestPredicates.PredicateSupplier();
		}

		@Bean
		@ConditionalOnMissingBean
		JwtGatewayFilterFunctions.FilterSupplier jwtGatewayFilterSupplier() {
			return new JwtGatewayFilterFunctions.FilterSupplier();
		}

		@Bean
		GatewayMvcErrorDispatches jwtGatewayErrorDispatches(BeanFactory beanFactory) {
			return new GatewayMvcErrorDispatches(beanFactory);
		}

	}

}
