package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.routing.RequestShapingCustomizer;
import io.github.jwtstarter.web.JwtRequestCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Auto-configuration of request shaping: the {@link JwtRequestCustomizer} that copies
 * claims into request headers ({@code claims-to-headers}) and hides tokens
 * ({@code keep-token: false}). Created only when some provider asks for either, so that
 * requests are otherwise passed on unwrapped. A user's own {@code JwtRequestCustomizer}
 * bean replaces it.
 *
 * @author jwt-spring-boot-starter
 */
@AutoConfiguration(after = JwtAutoConfiguration.class, before = JwtWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnJwtProviders
public final class JwtRoutingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnRequestShapingCondition.class)
	@ConditionalOnMissingBean(JwtRequestCustomizer.class)
	static class RequestShapingConfiguration {

		@Bean
		RequestShapingCustomizer jwtRequestShapingCustomizer(JwtProperties properties) {
			return new RequestShapingCustomizer(JwtPropertiesMapper.requestShaping(properties));
		}

	}

}
