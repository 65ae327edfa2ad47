package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
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
			return new RbacRules(JwtPropertiesMapper.rbacPolicies(properties), properties.getRbac().isRequireRbac(),
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

		/**
		 * The access rule of the starter's servlet chain: RBAC first, then each
		 * {@code AuthorizationManager<RequestAuthorizationContext>} bean of the application,
		 * in order; the first denial decides. An application's manager adds to
		 * {@code jwt.rbac}, never replaces it.
		 * @param managers the request authorization manager beans, RBAC's among them
		 * @return the access rule
		 */
		static AuthorizationManager<RequestAuthorizationContext> requestAccess(
				List<AuthorizationManager<RequestAuthorizationContext>> managers) {
			List<AuthorizationManager<RequestAuthorizationContext>> ordered = rbacFirst(managers,
					RbacAuthorizationManager.class);
			return (authentication, context) -> {
				for (AuthorizationManager<RequestAuthorizationContext> manager : ordered) {
					AuthorizationResult result = manager.authorize(authentication, context);
					if (result != null && !result.isGranted()) {
						return result;
					}
				}
				return new AuthorizationDecision(true);
			};
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

		/**
		 * The access rule of the starter's reactive chain, as the servlet one: RBAC first,
		 * then each {@code ReactiveAuthorizationManager<AuthorizationContext>} bean of the
		 * application, in order; the first denial decides.
		 * @param managers the exchange authorization manager beans, RBAC's among them
		 * @return the access rule
		 */
		static ReactiveAuthorizationManager<AuthorizationContext> exchangeAccess(
				List<ReactiveAuthorizationManager<AuthorizationContext>> managers) {
			List<ReactiveAuthorizationManager<AuthorizationContext>> ordered = rbacFirst(managers,
					RbacReactiveAuthorizationManager.class);
			Mono<AuthorizationResult> granted = Mono.just(new AuthorizationDecision(true));
			return (authentication, context) -> Flux.fromIterable(ordered)
				.concatMap((manager) -> manager.authorize(authentication, context))
				.filter((result) -> !result.isGranted())
				.next()
				.switchIfEmpty(granted);
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
	// @EnableMethodSecurity registers the first name, the older @EnableGlobalMethodSecurity
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
	static <M> List<M> rbacFirst(List<M> managers, Class<?> rbacType) {
		List<M> ordered = new ArrayList<>(managers);
		ordered.sort(Comparator.comparing((manager) -> !rbacType.isInstance(manager)));
		return List.copyOf(ordered);
	}

	static class NotReactiveWebApplicationCondition extends NoneNestedConditions {

		NotReactiveWebApplicationCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class Reactive {

		}

	}

}
