package io.github.jwtstarter.sample.demo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModeInitializerTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void providerIssuerSwitchesDemoModeOff() {
		add(Map.of("jwt.providers.corp.issuer", "https://idp.example"));
		assertThat(DemoModeInitializer.hasProviders(this.environment)).isTrue();
	}

	@Test
	void providerIssuerFromAnEnvironmentVariableSwitchesDemoModeOff() {
		this.environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("JWT_PROVIDERS_CORP_ISSUER", "https://idp.example")));
		assertThat(DemoModeInitializer.hasProviders(this.environment)).isTrue();
	}

	@Test
	void providerSettingsWithoutIssuerLeaveDemoModeOn() {
		add(Map.of("jwt.providers.corp.claims-to-headers[0].claim", "org",
				"jwt.providers.corp.claims-to-headers[0].header", "x-company"));
		assertThat(DemoModeInitializer.hasProviders(this.environment)).isFalse();
	}

	@Test
	void noProviderSettingsLeaveDemoModeOn() {
		add(Map.of("jwt.validation-policy", "require-valid"));
		assertThat(DemoModeInitializer.hasProviders(this.environment)).isFalse();
	}

	private void add(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
	}

}
