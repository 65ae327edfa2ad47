package io.github.jwtstarter.authserver;

import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtWebSecurityAutoConfiguration;
import io.github.jwtstarter.test.TestKeys;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Spring Authorization Server as Spring Boot configures it from
 * {@code spring.security.oauth2.authorizationserver.*}, with rotatable keys. No component
 * scan, and the starter's auto-configurations are excluded: this application is the
 * identity provider, not a resource server.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { JwtAutoConfiguration.class, JwtWebSecurityAutoConfiguration.class })
public class AuthorizationServerApplication {

	/**
	 * {@code kid} of the key the server starts with.
	 */
	public static final String INITIAL_KEY_ID = "sas-1";

	@Bean
	RotatingJwkSource jwkSource() {
		return new RotatingJwkSource(TestKeys.rsa(INITIAL_KEY_ID));
	}

	@Bean
	JwtEncoder jwtEncoder(RotatingJwkSource jwkSource) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
		encoder.setJwkSelector(jwkSource::select);
		return encoder;
	}

}
