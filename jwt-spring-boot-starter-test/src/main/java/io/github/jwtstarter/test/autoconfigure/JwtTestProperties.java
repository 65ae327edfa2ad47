package io.github.jwtstarter.test.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the test support ({@code jwt.test.*}), read in tests
 * annotated with {@link AutoConfigureJwtTestTokens}.
 */
@ConfigurationProperties(prefix = JwtTestProperties.PREFIX)
public class JwtTestProperties {

	/**
	 * Prefix of the test support's properties.
	 */
	public static final String PREFIX = "jwt.test";

	/**
	 * Ids of providers that keep their configured keys in tests annotated with
	 * {@code @AutoConfigureJwtTestTokens}; every other provider verifies with generated
	 * test keys.
	 */
	private List<String> realKeys = new ArrayList<>();

	public List<String> getRealKeys() {
		return this.realKeys;
	}

	public void setRealKeys(List<String> realKeys) {
		this.realKeys = realKeys;
	}

}
