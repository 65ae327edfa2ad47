package io.github.jwtstarter.test.autoconfigure;

import java.util.List;

import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.test.tokens.JwtTestKeys;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JwtTestTokensAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtTestPropertiesAutoConfiguration.class,
				JwtTestTokensAutoConfiguration.class));

	@Test
	void testPropertiesAreKnownWithTheModuleOnTheClassPathEvenWithoutTheAnnotation() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JwtAutoConfiguration.class, JwtTestPropertiesAutoConfiguration.class))
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.local=" + io.github.jwtstarter.test.TestKeys
						.toPem(io.github.jwtstarter.test.TestKeys.rsa("corp-1")),
					"jwt.test.real-keys=corp")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtTestKeys.class));
	}

	@Test
	void misspelledTestPropertyFailsStartupNamingTheClosestOne() {
		this.contextRunner
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example", "jwt.test.real-key=corp")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(io.github.jwtstarter.autoconfigure.UnknownJwtPropertyException.class)
				.hasMessageContaining("jwt.test.real-keys"));
	}

	@Test
	void providersGetTestKeysAndTokens() {
		this.contextRunner
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.location=file:/nonexistent/corp.pem")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtTestKeys.class);
				assertThat(context).hasSingleBean(JwtTestTokens.class);
				assertThat(context.getBean(JwtProviderRegistry.class).byId("corp").getKeys().isLocal()).isTrue();
			});
	}

	@Test
	void annotationImportsEveryRequestHandlingAutoConfigurationOfTheStarter() {
		ClassLoader classLoader = getClass().getClassLoader();
		List<String> starter = ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.jwtstarter.autoconfigure."))
			.filter((name) -> !name.endsWith(".JwtObservabilityAutoConfiguration"))
			.toList();
		assertThat(starter).isNotEmpty();
		assertThat(ImportCandidates.load(AutoConfigureJwtTestTokens.class, classLoader).getCandidates())
			.containsAll(starter)
			.contains(JwtTestTokensAutoConfiguration.class.getName());
	}

	@Test
	void nothingIsAddedWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(JwtTestKeys.class);
			assertThat(context).doesNotHaveBean(JwtTestTokens.class);
		});
	}

	@Test
	void unknownProviderInRealKeysFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example", "jwt.test.real-keys=crop")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.test.real-keys")
				.hasMessageContaining("[corp]"));
	}

}
