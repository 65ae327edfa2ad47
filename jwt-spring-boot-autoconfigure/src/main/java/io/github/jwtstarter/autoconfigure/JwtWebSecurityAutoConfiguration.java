package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.web.servlet.JwtAuthenticationFilter;
import io.github.jwtstarter.web.servlet.JwtSecurityConfigurer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The starter's {@link SecurityFilterChain}, built with {@link JwtSecurityConfigurer}:
 * stateless, the starter's request flow, RBAC and responses. It is the catch-all chain,
 * ordered last: a chain of the application's own with a {@code securityMatcher} takes its
 * requests and this one takes every other request. Only an application chain that matches
 * every request replaces it (Spring Security refuses a chain after such a one), and then,
 * unless that chain includes the starter through the configurer, the application is told
 * at startup ({@code jwt.filter-chain.warn-if-omitted}). The decoders, verifier,
 * configurer beans and predicates stay available either way.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnJwtProviders
public final class JwtWebSecurityAutoConfiguration {

	/**
	 * The bean name of the starter's chain.
	 */
	static final String CHAIN_BEAN_NAME = "jwtSecurityFilterChain";

	private static final String HOW_TO_INCLUDE = "http.with(JwtSecurityConfigurer.jwtSecurity(), "
			+ "Customizer.withDefaults())";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtVerifier.class)
	@ConditionalOnMissingBean(name = CHAIN_BEAN_NAME)
	static class JwtSecurityFilterChainConfiguration {

		/**
		 * The catch-all chain, or none (a null bean, which Spring Security's list of
		 * chains leaves out) when a chain of the application takes every request.
		 */
		@Bean(name = CHAIN_BEAN_NAME)
		@Order(Ordered.LOWEST_PRECEDENCE)
		@Nullable SecurityFilterChain jwtSecurityFilterChain(HttpSecurity http, ListableBeanFactory beanFactory,
				JwtProperties properties) throws Exception {
			ApplicationChains.Chain<SecurityFilterChain> catchAll = ApplicationChains
				.of(beanFactory, SecurityFilterChain.class, CHAIN_BEAN_NAME)
				.catchAll(JwtSecurityFilterChainConfiguration::takesEveryRequest);
			if (catchAll != null) {
				ApplicationChains.warnIfOmitted(catchAll, includesStarter(catchAll.chain()), properties,
						HOW_TO_INCLUDE);
				return null;
			}
			// Stateless, and no filter the JWT chain does not need: every filter is a hop
			// that
			// Spring Security observes (two events each) when Actuator is present.
			// Session
			// management is off rather than STATELESS (that would add
			// DisableEncodeUrlFilter and
			// SessionManagementFilter); what STATELESS sets is set here: the context
			// lives in a
			// request attribute and no request is saved for a later login.
			http.setSharedObject(RequestCache.class, new NullRequestCache());
			http.csrf(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.sessionManagement(AbstractHttpConfigurer::disable)
				.securityContext(
						(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
				.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults());
			return http.build();
		}

		private static boolean takesEveryRequest(SecurityFilterChain chain) {
			return chain instanceof DefaultSecurityFilterChain defaultChain
					&& defaultChain.getRequestMatcher() instanceof AnyRequestMatcher;
		}

		private static boolean includesStarter(SecurityFilterChain chain) {
			return chain.getFilters().stream().anyMatch(JwtAuthenticationFilter.class::isInstance);
		}

	}

}
