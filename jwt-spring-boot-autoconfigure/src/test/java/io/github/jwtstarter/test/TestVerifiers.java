package io.github.jwtstarter.test;

import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.jwt.JwtVerifier;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's {@link JwtVerifier} as its auto-configuration builds it from
 * {@code jwt.*} properties (real keys, e.g. {@code jwks.local} with
 * {@link TestKeys#toPem}), in a small non-web context: for tests of single requests
 * through the web layer (filters, problem responses) that need real verification but no
 * server. <pre class="code">
 * try (TestVerifiers verifiers = TestVerifiers.start("jwt.providers.corp.issuer=https://corp.example",
 * 		"jwt.providers.corp.jwks.local=" + TestKeys.toPem(key))) {
 * 	JwtVerifier verifier = verifiers.verifier();
 * }
 * </pre>
 */
public final class TestVerifiers implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private TestVerifiers(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a context with the starter's auto-configuration and the given properties.
	 * @param properties {@code name=value} pairs, e.g.
	 * {@code jwt.providers.corp.issuer=...}
	 * @return the started verifiers; close them after use
	 */
	public static TestVerifiers start(String... properties) {
		return new TestVerifiers(new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run());
	}

	/**
	 * Returns the verifier.
	 * @return the auto-configured verifier
	 */
	public JwtVerifier verifier() {
		return this.context.getBean(JwtVerifier.class);
	}

	/**
	 * Returns another bean of the context, e.g. the {@code JwtProviderRegistry}.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JwtAutoConfiguration.class)
	static class Config {

	}

}
