package io.github.jwtstarter.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.jwtstarter.authorization.reactive.ExchangeAccess;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.JwtRequestFlow;
import io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter;
import io.github.jwtstarter.web.reactive.JwtExchangeCustomizer;
import io.github.jwtstarter.web.reactive.JwtServerProblemResponses;
import io.github.jwtstarter.web.reactive.JwtServerSecurityConfigurer;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * The starter's {@link SecurityWebFilterChain} for WebFlux applications, the reactive
 * twin of {@link JwtWebSecurityAutoConfiguration}, built with the
 * {@link JwtServerSecurityConfigurer} bean it also offers to the application's own
 * chains: stateless, the starter's request flow, RBAC and responses. It is the catch-all
 * chain, ordered last: a chain of the application's own with a {@code securityMatcher}
 * takes its requests and this one takes every other request. An application chain that
 * matches every request makes it unreachable, so it is left out, and unless that chain
 * includes the starter the application is told at startup
 * ({@code jwt.filter-chain.warn-if-omitted}).
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

	/**
	 * The bean name of the starter's chain.
	 */
	static final String CHAIN_BEAN_NAME = "jwtSecurityWebFilterChain";

	private static final String HOW_TO_INCLUDE = "jwtServerSecurityConfigurer.configure(http), with the "
			+ "JwtServerSecurityConfigurer bean";

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebFilterChainProxy.class)
	@EnableWebFluxSecurity
	static class EnableWebFluxSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtRequestFlow.class)
	static class ConfigurerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtServerSecurityConfigurer jwtServerSecurityConfigurer(JwtRequestFlow flow, RequestShaping shaping,
				JwtServerProblemResponses responses, ObjectProvider<JwtExchangeCustomizer> exchangeCustomizers,
				ListableBeanFactory beanFactory) {
			return new JwtServerSecurityConfigurer(flow, shaping, responses,
					exchangeCustomizer(exchangeCustomizers.orderedStream().toList()), rbac(beanFactory),
					Schedulers.boundedElastic());
		}

		private static JwtExchangeCustomizer exchangeCustomizer(List<JwtExchangeCustomizer> all) {
			if (all.isEmpty()) {
				return JwtExchangeCustomizer.NONE;
			}
			return (all.size() == 1) ? all.get(0) : (exchange, verified, token) -> {
				for (JwtExchangeCustomizer customizer : all) {
					exchange = customizer.customize(exchange, verified, token);
				}
				return exchange;
			};
		}

		/**
		 * The exchange access rule: {@code jwt.rbac} first, then each
		 * {@code ReactiveAuthorizationManager<AuthorizationContext>} bean of the
		 * application, the first denial deciding; {@code null} when there is nothing to
		 * check (no extra filter then).
		 */
		private static @Nullable ReactiveAuthorizationManager<AuthorizationContext> rbac(
				ListableBeanFactory beanFactory) {
			return ExchangeAccess.of(beanFactory
				.<ReactiveAuthorizationManager<AuthorizationContext>>getBeanProvider(ResolvableType
					.forClassWithGenerics(ReactiveAuthorizationManager.class, AuthorizationContext.class))
				.orderedStream()
				.toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ JwtVerifier.class, JwtRequestFlow.class })
	@ConditionalOnMissingBean(name = CHAIN_BEAN_NAME)
	static class JwtSecurityWebFilterChainConfiguration {

		/**
		 * The catch-all chain, or none (a null bean, which Spring Security's list of
		 * chains leaves out) when a chain of the application takes every request.
		 */
		@Bean(name = CHAIN_BEAN_NAME)
		@Order(Ordered.LOWEST_PRECEDENCE)
		@Nullable SecurityWebFilterChain jwtSecurityWebFilterChain(ServerHttpSecurity http,
				JwtServerSecurityConfigurer jwtSecurity, ListableBeanFactory beanFactory, JwtProperties properties) {
			ApplicationChains.Chain<SecurityWebFilterChain> catchAll = ApplicationChains
				.of(beanFactory, SecurityWebFilterChain.class, CHAIN_BEAN_NAME)
				.catchAll(ProbeExchanges::takesEveryRequest);
			if (catchAll != null) {
				ApplicationChains.warnIfOmitted(catchAll, includesStarter(catchAll.chain()), properties,
						HOW_TO_INCLUDE);
				return null;
			}
			return jwtSecurity.configureStateless(http).build();
		}

		private static boolean includesStarter(SecurityWebFilterChain chain) {
			Boolean includes = chain.getWebFilters()
				.any(JwtAuthenticationWebFilter.class::isInstance)
				.block(PROBE_TIMEOUT);
			return Boolean.TRUE.equals(includes);
		}

	}

}
