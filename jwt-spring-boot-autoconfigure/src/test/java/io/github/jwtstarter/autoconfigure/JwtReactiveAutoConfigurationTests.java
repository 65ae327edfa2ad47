package io.github.jwtstarter.autoconfigure;

import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.authorization.reactive.JwtClaimsExpressionsPostProcessor;
import io.github.jwtstarter.authorization.reactive.RbacReactiveAuthorizationManager;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.reactive.JwtServerSecurityConfigurer;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import io.github.jwtstarter.web.reactive.JwtServerProblemResponses;
import io.github.jwtstarter.web.servlet.JwtProblemResponses;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a WebFlux application: the reactive chain and its pieces from the same
 * properties, backing off to a user's own {@code SecurityWebFilterChain} as the servlet
 * chain backs off to a {@code SecurityFilterChain}.
 */
class JwtReactiveAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private static final String PEM = TestKeys.toPem(KEY);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class,
				JwtWebSecurityAutoConfiguration.class, JwtReactiveWebSecurityAutoConfiguration.class,
				JwtObservabilityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class));

	@Test
	void starterIsInertWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("jwtSecurityWebFilterChain");
			assertThat(context).doesNotHaveBean(JwtIssuerReactiveAuthenticationManagerResolver.class);
		});
	}

	@Test
	void oneProviderCreatesTheReactiveChainAndNoServletPieces() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean("jwtSecurityWebFilterChain").isInstanceOf(SecurityWebFilterChain.class);
				assertThat(context).hasSingleBean(JwtServerProblemResponses.class);
				assertThat(context).hasSingleBean(JwtIssuerReactiveAuthenticationManagerResolver.class);
				assertThat(context).hasSingleBean(JwtClaimsExpressionsPostProcessor.class);
				assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
				assertThat(context).doesNotHaveBean(ReactiveUserDetailsService.class);
				assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
				assertThat(context).doesNotHaveBean(JwtProblemResponses.class);
			});
	}

	@Test
	void rbacPoliciesCreateTheReactiveAuthorizationManager() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM, "jwt.rbac.policies.readers.permissions.paths=/api/**",
					"jwt.rbac.policies.readers.principals[0].claims.sub=svc-a")
			.run((context) -> assertThat(context).hasSingleBean(RbacReactiveAuthorizationManager.class));
	}

	@Test
	void rbacManagerIsInjectableByItsClass() {
		this.contextRunner.withUserConfiguration(RbacManagerUserConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RbacManagerUser.class).manager())
					.isSameAs(context.getBean(RbacReactiveAuthorizationManager.class));
			});
	}

	@Test
	void userRbacManagerReplacesTheStarterOne() {
		this.contextRunner.withUserConfiguration(UserRbacManagerConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(RbacReactiveAuthorizationManager.class)
					.isSameAs(context.getBean(UserRbacManagerConfiguration.class).manager);
			});
	}

	record RbacManagerUser(RbacReactiveAuthorizationManager manager) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RbacManagerUserConfiguration {

		@Bean
		RbacManagerUser rbacManagerUser(RbacReactiveAuthorizationManager manager) {
			return new RbacManagerUser(manager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRbacManagerConfiguration {

		final RbacReactiveAuthorizationManager manager = new RbacReactiveAuthorizationManager(new RbacRules(List.of(),
				true, new JwtRoutes(List.of(), JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID))));

		@Bean
		RbacReactiveAuthorizationManager userRbacManager() {
			return this.manager;
		}

	}

	@Test
	void theConfigurerOfTheApplicationsOwnChainsIsABean() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM, "jwt.providers.kube.keep-token=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtServerSecurityConfigurer.class);
				assertThat(context.getBean(RequestShaping.class).isEmpty()).isFalse();
			});
	}

	@Test
	void userChainReplacesOnlyTheStartersChain() {
		this.contextRunner.withUserConfiguration(UserChainConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("userChain");
				assertThat(context).hasSingleBean(JwtIssuerReactiveAuthenticationManagerResolver.class);
				assertThat(context).hasSingleBean(JwtServerProblemResponses.class);
			});
	}

	@Test
	void applicationsOwnReactiveMethodSecurityIsKept() {
		this.contextRunner.withUserConfiguration(OwnMethodSecurityConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
				assertThat(context).hasSingleBean(JwtClaimsExpressionsPostProcessor.class);
			});
	}

	@Test
	void withoutSpringSecurityWebFluxSupportNoChainIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerHttpSecurity.class))
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("jwtSecurityWebFilterChain");
				assertThat(context).doesNotHaveBean(JwtServerProblemResponses.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableReactiveMethodSecurity
	static class OwnMethodSecurityConfiguration {

	}

}
