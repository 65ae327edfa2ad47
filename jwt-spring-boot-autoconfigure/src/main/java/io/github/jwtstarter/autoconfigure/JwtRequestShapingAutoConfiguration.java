package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.shaping.reactive.RequestShapingExchangeCustomizer;
import io.github.jwtstarter.shaping.servlet.RequestShapingCustomizer;
import io.github.jwtstarter.web.reactive.JwtExchangeCustomizer;
import io.github.jwtstarter.web.servlet.JwtRequestCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.server.ServerWebExchange;

/**
 * Auto-configuration of request shaping: the {@link RequestShaping} rules that copy claims
 * into request headers ({@code claims-to-headers}) and hide tokens
 * ({@code keep-token: false}), and the servlet {@link JwtRequestCustomizer} or reactive
 * {@link JwtExchangeCustomizer} that applies them. Created only when some provider asks
 * for either, so that requests are otherwise passed on unwrapped. A user's own
 * {@code JwtRequestCustomizer} or {@code JwtExchangeCustomizer} bean replaces it.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class,
		before = { JwtWebSecurityAutoConfiguration.class, JwtReactiveWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnJwtProviders
@Conditional(OnRequestShapingCondition.class)
public final class JwtRequestShapingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class RequestShapingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestShaping jwtRequestShaping(JwtProperties properties) {
			return JwtPropertiesMapper.requestShaping(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingBean(JwtRequestCustomizer.class)
	static class ServletRequestShapingConfiguration {

		@Bean
		RequestShapingCustomizer jwtRequestShapingCustomizer(RequestShaping shaping) {
			return new RequestShapingCustomizer(shaping);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerWebExchange.class)
	@ConditionalOnMissingBean(JwtExchangeCustomizer.class)
	static class ReactiveRequestShapingConfiguration {

		@Bean
		RequestShapingExchangeCustomizer jwtRequestShapingExchangeCustomizer(RequestShaping shaping) {
			return new RequestShapingExchangeCustomizer(shaping);
		}

	}

}
