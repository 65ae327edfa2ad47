package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.FirewallCharacters;
import io.github.jwtstarter.web.JwtRequestFlow;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.reactive.JwtServerProblemResponses;
import io.github.jwtstarter.web.servlet.JwtProblemResponses;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Web configurations imported by {@link JwtAutoConfiguration}: routes, token resolution,
 * request shaping, the request flow and error responses, which the starter's configurers
 * assemble into a filter chain (the starter's own, or one of the application's).
 */
final class JwtWebConfigurations {

	private JwtWebConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtRoutes jwtRoutes(JwtProperties properties) {
			return AccessPropertiesMapper.routes(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		TokenResolver jwtTokenResolver(JwtProperties properties) {
			return new TokenResolver(AccessPropertiesMapper.tokenLocations(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		RequestShaping jwtRequestShaping(JwtProperties properties) {
			return AccessPropertiesMapper.requestShaping(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(JwtVerifier.class)
		JwtRequestFlow jwtRequestFlow(JwtRoutes routes, TokenResolver tokenResolver, JwtVerifier verifier,
				JwtProperties properties, ObjectProvider<AuthenticationEventPublisher> events) {
			return new JwtRequestFlow(routes, tokenResolver, verifier,
					properties.getEvents().isEnabled() ? events.getIfUnique() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtProblemResponses jwtProblemResponses() {
			return new JwtProblemResponses();
		}

		/**
		 * Spring Security's default firewall with the same header checks, only cheaper:
		 * reading a token header no longer runs a regular expression over the token.
		 * @return the firewall Spring Security's filter chain proxy picks up
		 */
		@Bean
		@ConditionalOnMissingBean(HttpFirewall.class)
		StrictHttpFirewall jwtHttpFirewall() {
			StrictHttpFirewall firewall = new StrictHttpFirewall();
			firewall.setAllowedHeaderNames(FirewallCharacters::isAllowedHeaderName);
			firewall.setAllowedHeaderValues(FirewallCharacters::isAllowedHeaderValue);
			return firewall;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerHttpSecurity.class)
	static class ReactiveWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtServerProblemResponses jwtServerProblemResponses() {
			return new JwtServerProblemResponses();
		}

		/**
		 * Spring Security's default reactive firewall with the same header checks, only
		 * cheaper: reading a token header no longer runs a regular expression over the
		 * token.
		 * @return the firewall Spring Security's web filter chain proxy picks up
		 */
		@Bean
		@ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
		StrictServerWebExchangeFirewall jwtServerWebExchangeFirewall() {
			StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
			firewall.setAllowedHeaderNames(FirewallCharacters::isAllowedHeaderName);
			firewall.setAllowedHeaderValues(FirewallCharacters::isAllowedHeaderValue);
			return firewall;
		}

	}

}
