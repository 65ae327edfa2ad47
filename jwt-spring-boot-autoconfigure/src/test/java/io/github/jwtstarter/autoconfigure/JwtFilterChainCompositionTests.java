package io.github.jwtstarter.autoconfigure;

import java.util.List;

import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter;
import io.github.jwtstarter.web.reactive.JwtServerSecurityConfigurer;
import io.github.jwtstarter.web.servlet.JwtAuthenticationFilter;
import io.github.jwtstarter.web.servlet.JwtSecurityConfigurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's chain next to the application's own chains, on both stacks: a narrow
 * chain of the application's never switches the starter off (the starter's chain stays as
 * the catch-all, ordered last, and Spring Security's check for unreachable chains is
 * satisfied); a chain of the application's that matches every request replaces the
 * starter's, and the application is told at startup, once, unless that chain includes the
 * starter or the omission is declared deliberate.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtFilterChainCompositionTests {

	private static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	private static final String[] KUBE = { "jwt.providers.kube.issuer=kubernetes/serviceaccount",
			"jwt.providers.kube.jwks.local=" + PEM };

	private static final String WARNING = "matches every request and does not include the JWT starter";

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class,
				JwtWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues(KUBE);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class,
				JwtReactiveWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class))
		.withPropertyValues(KUBE);

	@Test
	void servletChainForOnePathKeepsTheStartersChainAsTheCatchAllOrderedLast() {
		this.servlet.withUserConfiguration(ServletAdminChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			List<SecurityFilterChain> chains = context.getBean(FilterChainProxy.class).getFilterChains();
			assertThat(chains).hasSize(2);
			assertThat(chains.get(0)).isSameAs(context.getBean("adminChain"));
			assertThat(chains.get(1)).isSameAs(context.getBean("jwtSecurityFilterChain"));
			assertThat(chains.get(1).getFilters()).hasAtLeastOneElementOfType(JwtAuthenticationFilter.class);
		});
	}

	@Test
	void servletChainForEveryRequestWithoutTheStarterReplacesItAndIsReportedOnce(CapturedOutput output) {
		this.servlet.withUserConfiguration(ServletEveryRequestChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FilterChainProxy.class).getFilterChains())
				.containsExactly(context.getBean("appChain", SecurityFilterChain.class));
		});
		assertThat(output).containsOnlyOnce("The security filter chain bean 'appChain' " + WARNING)
			.contains("http.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())")
			.contains("jwt.filter-chain.warn-if-omitted=false");
	}

	@Test
	void servletChainForEveryRequestWithTheConfigurerReplacesTheStartersChainSilently(CapturedOutput output) {
		this.servlet.withUserConfiguration(ServletEveryRequestChainWithStarter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			List<SecurityFilterChain> chains = context.getBean(FilterChainProxy.class).getFilterChains();
			assertThat(chains).singleElement()
				.satisfies((chain) -> assertThat(chain.getFilters())
					.hasAtLeastOneElementOfType(JwtAuthenticationFilter.class));
		});
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void servletOmissionDeclaredDeliberateIsNotReported(CapturedOutput output) {
		this.servlet.withUserConfiguration(ServletEveryRequestChain.class)
			.withPropertyValues("jwt.filter-chain.warn-if-omitted=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void reactiveChainForOnePathKeepsTheStartersChainAsTheCatchAllOrderedLast() {
		this.reactive.withUserConfiguration(ReactiveAdminChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WebFilterChainProxy.class);
			assertThat(context.getBeanProvider(SecurityWebFilterChain.class).orderedStream().toList()).containsExactly(
					context.getBean("adminChain", SecurityWebFilterChain.class),
					context.getBean("jwtSecurityWebFilterChain", SecurityWebFilterChain.class));
			assertThat(context.getBean("jwtSecurityWebFilterChain", SecurityWebFilterChain.class)
				.getWebFilters()
				.any(JwtAuthenticationWebFilter.class::isInstance)
				.block()).isTrue();
		});
	}

	@Test
	void reactiveChainForEveryRequestWithoutTheStarterReplacesItAndIsReportedOnce(CapturedOutput output) {
		this.reactive.withUserConfiguration(ReactiveEveryRequestChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("appChain");
		});
		assertThat(output).containsOnlyOnce("The security filter chain bean 'appChain' " + WARNING)
			.contains("jwtServerSecurityConfigurer.configure(http)");
	}

	@Test
	void reactiveChainForEveryPathPatternIsAlsoTakenForEveryRequest(CapturedOutput output) {
		this.reactive.withUserConfiguration(ReactiveEveryPathChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("appChain");
		});
		assertThat(output).containsOnlyOnce("The security filter chain bean 'appChain' " + WARNING);
	}

	@Test
	void reactiveChainForEveryRequestWithTheConfigurerReplacesTheStartersChainSilently(CapturedOutput output) {
		this.reactive.withUserConfiguration(ReactiveEveryRequestChainWithStarter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("appChain");
		});
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void reactiveOmissionDeclaredDeliberateIsNotReported(CapturedOutput output) {
		this.reactive.withUserConfiguration(ReactiveEveryRequestChain.class)
			.withPropertyValues("jwt.filter-chain.warn-if-omitted=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(WARNING);
	}

	@Configuration(proxyBeanMethods = false)
	static class ServletAdminChain {

		@Bean
		@Order(1)
		SecurityFilterChain adminChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/admin/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServletEveryRequestChain {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServletEveryRequestChainWithStarter {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			return http.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveAdminChain {

		@Bean
		MapReactiveUserDetailsService operators() {
			return new MapReactiveUserDetailsService(
					User.withUsername("ops").password("{noop}secret").roles("OPS").build());
		}

		@Bean
		@Order(1)
		SecurityWebFilterChain adminChain(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveEveryRequestChain {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveEveryPathChain {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveEveryRequestChainWithStarter {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http, JwtServerSecurityConfigurer jwtSecurity) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			return jwtSecurity.configure(http).build();
		}

	}

}
