package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.servlet.JwtAuthenticationFilter;
import io.github.jwtstarter.web.servlet.JwtProblemResponses;
import io.github.jwtstarter.web.servlet.JwtRequestCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The starter's {@link SecurityFilterChain}: stateless, the JWT filter before anonymous
 * authentication, the starter's 401 and 403 responses. A user's own
 * {@code SecurityFilterChain} bean replaces it (Boot's
 * {@link ConditionalOnDefaultWebSecurity}); the decoders, verifier and web pieces stay
 * available.
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
@ConditionalOnJwtProviders
public final class JwtWebSecurityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtVerifier.class)
	@ConditionalOnDefaultWebSecurity
	static class JwtSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain jwtSecurityFilterChain(HttpSecurity http, JwtRoutes routes, TokenResolver tokenResolver,
				JwtVerifier verifier, JwtProblemResponses responses,
				ObjectProvider<JwtRequestCustomizer> requestCustomizer,
				ObjectProvider<AuthorizationManager<RequestAuthorizationContext>> authorizationManager)
				throws Exception {
			JwtAuthenticationFilter filter = new JwtAuthenticationFilter(routes, tokenResolver, verifier, responses,
					requestCustomizer.getIfAvailable(() -> JwtRequestCustomizer.NONE));
			AuthorizationManager<RequestAuthorizationContext> access = JwtAuthorizationConfigurations.ServletRbacConfiguration
				.requestAccess(authorizationManager.orderedStream().toList());
			// Stateless, and no filter the JWT chain does not need: every filter is a hop that
			// Spring Security observes (two events each) when Actuator is present. Session
			// management is off rather than STATELESS (that would add DisableEncodeUrlFilter and
			// SessionManagementFilter); what STATELESS sets is set here: the context lives in a
			// request attribute and no request is saved for a later login.
			http.setSharedObject(RequestCache.class, new NullRequestCache());
			http.csrf(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.sessionManagement(AbstractHttpConfigurer::disable)
				.securityContext((context) -> context
					.securityContextRepository(new RequestAttributeSecurityContextRepository()))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(responses)
					.accessDeniedHandler(responses))
				.addFilterBefore(filter, AnonymousAuthenticationFilter.class)
				.authorizeHttpRequests((requests) -> requests.anyRequest().access(access));
			return http.build();
		}

	}

}
