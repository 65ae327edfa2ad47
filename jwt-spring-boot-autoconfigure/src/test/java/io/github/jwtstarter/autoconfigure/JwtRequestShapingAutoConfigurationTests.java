package io.github.jwtstarter.autoconfigure;

import java.util.Map;

import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.servlet.JwtRequestCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request shaping rules are always part of the starter's web pieces (a failed token
 * is removed whatever the configuration), and their properties are checked at startup.
 */
class JwtRequestShapingAutoConfigurationTests {

	private static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	private static final String[] KUBE = { "jwt.providers.kube.issuer=kubernetes/serviceaccount",
			"jwt.providers.kube.jwks.local=" + PEM };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues(KUBE);

	@Test
	void shapingIsCreatedWhenAProviderCopiesClaimsIntoHeaders() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.claims-to-headers[0].claim=org",
					"jwt.providers.kube.claims-to-headers[0].header=x-company")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RequestShaping.class).isEmpty()).isFalse();
				assertThat(context).hasBean("jwtSecurityFilterChain");
			});
	}

	@Test
	void shapingIsCreatedWhenAProviderHidesItsToken() {
		this.contextRunner.withPropertyValues("jwt.providers.kube.keep-token=false")
			.run((context) -> assertThat(context.getBean(RequestShaping.class).isEmpty()).isFalse());
	}

	@Test
	void shapingIsEmptyWhenNoProviderShapesRequests() {
		this.contextRunner.withPropertyValues("jwt.providers.kube.keep-token=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RequestShaping.class).isEmpty()).isTrue();
			assertThat(context).doesNotHaveBean(JwtRequestCustomizer.class);
		});
	}

	@Test
	void noShapingWithoutProviders() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.withPropertyValues("jwt.validation-policy=allow-missing")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestShaping.class));
	}

	@Test
	void noShapingOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.withPropertyValues(KUBE)
			.withPropertyValues("jwt.providers.kube.keep-token=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestShaping.class));
	}

	@Test
	void noShapingWhenSpringSecurityJoseIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.withPropertyValues("jwt.providers.kube.keep-token=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestShaping.class));
	}

	@Test
	void userShapingReplacesTheStartersOne() {
		this.contextRunner.withUserConfiguration(UserShapingConfiguration.class)
			.withPropertyValues("jwt.providers.kube.keep-token=false")
			.run((context) -> assertThat(context).getBean(RequestShaping.class)
				.isSameAs(context.getBean("userShaping")));
	}

	@Test
	void invalidHeaderNameFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.claims-to-headers[0].claim=org",
					"jwt.providers.kube.claims-to-headers[0].header=x company")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.claims-to-headers[0].header")
				.hasMessageContaining("not a valid HTTP header name"));
	}

	@Test
	void missingClaimFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.kube.claims-to-headers[0].header=x-company")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.claims-to-headers[0].claim"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserShapingConfiguration {

		@Bean
		RequestShaping userShaping() {
			return new RequestShaping(Map.of());
		}

	}

}
