package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.authorization.JwtClaimsExpressions;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.authorization.reactive.JwtClaimsExpressionsPostProcessor;
import io.github.jwtstarter.authorization.reactive.RbacReactiveAuthorizationManager;
import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;
import io.github.jwtstarter.web.JwtRoutes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Authorization configurations imported by {@link JwtAuthorizationAutoConfiguration}.
 */
final class JwtAuthorizationConfigurations {

	private JwtAuthorizationConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtRoutes.class)
	static class RbacRulesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RbacRules jwtRbacRules(JwtProperties properties, JwtRoutes routes) {
			return new RbacRules(AccessPropertiesMapper.rbacPolicies(properties), properties.getRbac().isRequireRbac(),
					routes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(RequestAuthorizationContext.class)
	@ConditionalOnBean(RbacRules.class)
	static class ServletRbacConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RbacAuthorizationManager jwtRbacAuthorizationManager(RbacRules rules) {
			return new RbacAuthorizationManager(rules);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(AuthorizationContext.class)
	@ConditionalOnBean(RbacRules.class)
	static class ReactiveRbacConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RbacReactiveAuthorizationManager jwtRbacReactiveAuthorizationManager(RbacRules rules) {
			return new RbacReactiveAuthorizationManager(rules);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClaimExpressionsConfiguration {

		@Bean(name = "jwt")
		@ConditionalOnMissingBean(name = "jwt")
		JwtClaimsExpressions jwtClaimsExpressions(ObjectProvider<SecurityContextHolderStrategy> contextHolderStrategy) {
			return new JwtClaimsExpressions(
					contextHolderStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
		}

		@Bean
		@ConditionalOnMissingBean
		static AnnotationTemplateExpressionDefaults jwtAnnotationTemplateExpressionDefaults() {
			return new AnnotationTemplateExpressionDefaults();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PreAuthorize.class)
	// @EnableMethodSecurity registers the first name, the older
	// @EnableGlobalMethodSecurity
	// the second: either means the application configured method security itself.
	@ConditionalOnMissingBean(name = { "preAuthorizeAuthorizationMethodInterceptor", "methodSecurityInterceptor" })
	@Conditional(NotReactiveWebApplicationCondition.class)
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

	}

	/**
	 * Reactive method security, so that {@code @PreAuthorize} (with {@code @jwt},
	 * {@code @RequireClaim}, {@code @RequireProvider}) guards methods returning a
	 * {@code Mono} or {@code Flux}, unless the application enables it itself.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ PreAuthorize.class, Mono.class })
	// @EnableReactiveMethodSecurity registers the first name as well
	@ConditionalOnMissingBean(name = { "preAuthorizeAuthorizationMethodInterceptor", "methodSecurityInterceptor" })
	@EnableReactiveMethodSecurity
	static class ReactiveMethodSecurityConfiguration {

	}

	/**
	 * The {@code @jwt} bean reads the caller of each reactive method security evaluation,
	 * whoever enabled reactive method security.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ PreAuthorize.class, Mono.class })
	static class ReactiveClaimExpressionsConfiguration {

		@Bean
		static JwtClaimsExpressionsPostProcessor jwtClaimsExpressionsPostProcessor() {
			return new JwtClaimsExpressionsPostProcessor();
		}

	}

	/**
	 * The managers with the RBAC manager first, the others in their order.
	 */

	static class NotReactiveWebApplicationCondition extends NoneNestedConditions {

		NotReactiveWebApplicationCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class Reactive {

		}

	}

}
