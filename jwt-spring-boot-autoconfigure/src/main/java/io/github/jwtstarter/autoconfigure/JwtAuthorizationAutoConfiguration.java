package io.github.jwtstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Auto-configuration of authorization on claims: the RBAC
 * {@link org.springframework.security.authorization.AuthorizationManager} built from
 * {@code jwt.rbac} (picked up by the starter's filter chain), the {@code jwt} bean for
 * SpEL ({@code @PreAuthorize("@jwt.hasClaim('groups', 'admins')")}), annotation templates
 * for {@code @RequireClaim}, and method security, unless the application enables it
 * itself. Active only when {@code jwt.providers} is non-empty.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class,
		before = { JwtWebSecurityAutoConfiguration.class, JwtReactiveWebSecurityAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@ConditionalOnClass(JwtAuthenticationToken.class)
@ConditionalOnJwtProviders
@EnableConfigurationProperties(JwtProperties.class)
@Import({ JwtAuthorizationConfigurations.RbacRulesConfiguration.class,
		JwtAuthorizationConfigurations.ServletRbacConfiguration.class,
		JwtAuthorizationConfigurations.ReactiveRbacConfiguration.class,
		JwtAuthorizationConfigurations.ClaimExpressionsConfiguration.class,
		JwtAuthorizationConfigurations.MethodSecurityConfiguration.class,
		JwtAuthorizationConfigurations.ReactiveMethodSecurityConfiguration.class,
		JwtAuthorizationConfigurations.ReactiveClaimExpressionsConfiguration.class })
public final class JwtAuthorizationAutoConfiguration {

}
