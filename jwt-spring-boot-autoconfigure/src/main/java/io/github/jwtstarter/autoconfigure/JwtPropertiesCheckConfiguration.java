package io.github.jwtstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks the names under {@code jwt.} when {@link JwtProperties} is bound, imported by
 * {@link JwtAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class JwtPropertiesCheckConfiguration {

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor jwtUnknownPropertiesBindHandlerAdvisor(
			ObjectProvider<JwtPropertyNamespace> namespaces) {
		return new UnknownJwtPropertiesBindHandlerAdvisor(() -> namespaces.orderedStream().toList());
	}

}
