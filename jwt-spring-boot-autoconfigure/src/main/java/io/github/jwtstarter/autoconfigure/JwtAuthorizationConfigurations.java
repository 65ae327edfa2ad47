package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.authorization.JwtClaimsExpressions;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;
import io.github.jwtstarter.web.JwtRoutes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Authorization configurations imported by {@link JwtAuthorizationAutoConfiguration}.
 *
 * @author jwt-spring-boot-starter
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
		AuthorizationManager<RequestAuthorizationContext> jwtRbacAuthorizationManager(RbacRules rules) {
			return new RbacAuthorizationManager(rules);
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
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

	}

}
