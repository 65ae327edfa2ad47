package io.github.jwtstarter.test;

import io.github.jwtstarter.autoconfigure.JwtReactiveWebSecurityAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtWebSecurityAutoConfiguration;
import io.github.jwtstarter.web.reactive.JwtServerSecurityConfigurer;
import io.github.jwtstarter.web.servlet.JwtSecurityConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The test applications with security of their own, so that the end-to-end scenarios run
 * again unchanged against an application that composes the starter with its own chains.
 * Selected by the property {@code test.own-chain}; absent, nothing changes:
 * <ul>
 * <li>{@code configurer}: one API chain of the application's own that takes every request
 * and brings the starter in through its configurer ({@code http.with(jwtSecurity(), …)},
 * {@code JwtServerSecurityConfigurer#configure}), with what an application chain has by
 * default (a session-backed security context, the request cache, security headers) but
 * CSRF protection, as API chains are written, and authorization rules of its own
 * ({@code permitAll}, so that the starter decides);</li>
 * <li>{@code configurer-csrf}: the same chain with CSRF protection on;</li>
 * <li>{@code admin}: an operator area {@code /admin/**} with HTTP Basic (user
 * {@value #OPERATOR}, password {@value #PASSWORD}, role {@code OPS}) next to the
 * starter's chain, which stays the catch-all.</li>
 * </ul>
 */
@AutoConfiguration(before = { JwtWebSecurityAutoConfiguration.class, JwtReactiveWebSecurityAutoConfiguration.class })
@ConditionalOnProperty("test.own-chain")
public class OwnChainsAutoConfiguration {

	/**
	 * The operator of the {@code admin} variant.
	 */
	public static final String OPERATOR = "ops";

	/**
	 * The operator's password.
	 */
	public static final String PASSWORD = "ops-secret";

	static UserDetails operator() {
		return User.withUsername(OPERATOR).password("{noop}" + PASSWORD).roles("OPS").build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(HttpSecurity.class)
	static class ServletChains {

		@Bean
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "configurer")
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			return http.csrf((csrf) -> csrf.disable())
				.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		@Bean
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "configurer-csrf")
		SecurityFilterChain csrfProtectedAppChain(HttpSecurity http) throws Exception {
			return http.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		@Bean
		@Order(1)
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "admin")
		SecurityFilterChain adminChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/admin/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults())
				.userDetailsService(new InMemoryUserDetailsManager(operator()));
			return http.build();
		}

	}

	/**
	 * The reactive chains keep no {@code WebSession}: Spring's in-memory session store
	 * creates sessions on another scheduler, so a session-backed request cache or context
	 * repository writes the response off the event loop, and Reactor Netty before 1.3.8
	 * (Spring Boot 4.0.7 manages 1.3.6) can then stall the connection's next request
	 * (reactor/reactor-netty#4361), whatever the starter does; see docs/reactive.md.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerHttpSecurity.class)
	static class ReactiveChains {

		private static ServerHttpSecurity withoutSession(ServerHttpSecurity http) {
			return http.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		}

		@Bean
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "configurer")
		SecurityWebFilterChain appChain(ServerHttpSecurity http, JwtServerSecurityConfigurer jwtSecurity) {
			withoutSession(http).csrf(ServerHttpSecurity.CsrfSpec::disable)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
			return jwtSecurity.configure(http).build();
		}

		@Bean
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "configurer-csrf")
		SecurityWebFilterChain csrfProtectedAppChain(ServerHttpSecurity http, JwtServerSecurityConfigurer jwtSecurity) {
			withoutSession(http).authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
			return jwtSecurity.configure(http).build();
		}

		@Bean
		@Order(1)
		@ConditionalOnProperty(name = "test.own-chain", havingValue = "admin")
		SecurityWebFilterChain adminChain(ServerHttpSecurity http) {
			return withoutSession(http).securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().hasRole("OPS"))
				.httpBasic((basic) -> basic.authenticationManager(
						new org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager(
								new MapReactiveUserDetailsService(operator()))))
				.build();
		}

	}

}
