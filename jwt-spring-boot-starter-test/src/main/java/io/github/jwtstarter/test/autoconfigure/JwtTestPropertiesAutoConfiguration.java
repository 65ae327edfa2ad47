package io.github.jwtstarter.test.autoconfigure;

import io.github.jwtstarter.autoconfigure.JwtPropertyNamespace;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes {@code jwt.test.*} a namespace the starter's check of unknown {@code jwt.} keys
 * accepts whenever the test support is on the class path, so that a test configuration
 * shared by tests with and without {@link AutoConfigureJwtTestTokens} starts in both.
 */
@AutoConfiguration
public final class JwtTestPropertiesAutoConfiguration {

	@Bean
	static JwtPropertyNamespace jwtTestPropertyNamespace() {
		return new JwtPropertyNamespace("test", JwtTestProperties.class);
	}

}
