package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter;
import io.github.jwtstarter.web.reactive.JwtExchangeCustomizer;
import io.github.jwtstarter.web.reactive.JwtServerProblemResponses;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The starter's {@link SecurityWebFilterChain} for WebFlux applications, the reactive
 * twin of {@link JwtWebSecurityAutoConfiguration}: stateless, the JWT web filter at the
 * authentication position, the starter's 401 and 403 responses, RBAC as the exchange
 * authorization manager. A user's own {@code SecurityWebFilterChain} bean replaces it;
 * the decoders, verifier and web pieces stay available.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ServerHttpSecurity.class })
@ConditionalOnJwtProviders
public final class JwtReactiveWebSecurityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebFilterChainProxy.class)
	@EnableWebFluxSecurity
	static class EnableWebFluxSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtVerifier.class)
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	static class JwtSecurityWebFilterChainConfiguration {

		@Bean
		SecurityWebFilterChain jwtSecurityWebFilterChain(ServerHttpSecurity http, JwtRoutes routes,
				TokenResolver tokenResolver, JwtVerifier verifier, JwtServerProblemResponses responses,
				ObjectProvider<JwtExchangeCustomizer> exchangeCustomizer,
				ObjectProvider<ReactiveAuthorizationManager<AuthorizationContext>> authorizationManager) {
			JwtAuthenticationWebFilter filter = new JwtAuthenticationWebFilter(routes, tokenResolver, verifier,
					responses, exchangeCustomizer.getIfAvailable(() -> JwtExchangeCustomizer.NONE));
			ReactiveAuthorizationManager<AuthorizationContext> access = JwtAuthorizationConfigurations.ReactiveRbacConfiguration
				.exchangeAccess(authorizationManager.orderedStream().toList());
			return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
				.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
				.logout(ServerHttpSecurity.LogoutSpec::disable)
				.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(responses)
					.accessDeniedHandler(responses))
				.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().access(access))
				.build();
		}

	}

}
