package io.github.jwtstarter.test.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.autoconfigure.ConditionalOnJwtProviders;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtProperties;
import io.github.jwtstarter.test.tokens.JwtTestKeys;
import io.github.jwtstarter.test.tokens.JwtTestTokens;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration imported by {@link AutoConfigureJwtTestTokens}: the
 * {@link JwtTestKeys} that replace each provider's keys, and the {@link JwtTestTokens}
 * that sign with them.
 */
@AutoConfiguration(before = JwtAutoConfiguration.class)
@ConditionalOnJwtProviders
@EnableConfigurationProperties({ JwtProperties.class, JwtTestProperties.class })
public final class JwtTestTokensAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtTestKeys jwtTestKeys(JwtProperties properties, JwtTestProperties testProperties) {
		List<String> realKeys = testProperties.getRealKeys();
		for (String id : realKeys) {
			if (!properties.getProviders().containsKey(id)) {
				throw new InvalidConfigurationPropertyValueException("jwt.test.real-keys", id,
						"no provider has this id; use one of " + properties.getProviders().keySet()
								+ " (the keys under jwt.providers)");
			}
		}
		Map<String, List<String>> algorithms = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> algorithms.put(id, provider.getAlgorithms()));
		return new JwtTestKeys(algorithms, realKeys);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtTestTokens jwtTestTokens(JwtProperties properties, JwtTestKeys keys) {
		return new JwtTestTokens(properties, keys, Clock.systemUTC());
	}

}
