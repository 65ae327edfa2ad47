package io.github.jwtstarter.matrix.scenarios;

import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Fail-closed configuration: a misspelled {@code jwt.*} property or an invalid value
 * stops the application from starting, naming the property, rather than silently turning
 * a check off.
 */
class StartupScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.corp.issuer", "https://corp.example", "jwt.providers.corp.jwks.local",
				TestKeys.toPublicJwkSetJson(KEY));
	}

	Map<String, String> with(String name, String value) {
		Map<String, String> properties = properties(flavour());
		properties.put(name, value);
		return properties;
	}

	@Test
	void correctlyConfiguredApplicationServesTokens() {
		assertOk(http().get("/api/orders", TestJwts.issuer("https://corp.example").subject("a").signWith(KEY)));
	}

	@Test
	void misspelledJwtPropertyFailsStartupNamingIt() {
		assertThatException()
			.isThrownBy(() -> runner().start(with("jwt.providers.corp.audience", "orders-api")).close())
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(causes(ex))
				.contains("jwt.providers.corp.audience"));
	}

	@Test
	void invalidValueFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> runner().start(with("jwt.providers.corp.clock-skew", "-5s")).close())
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(causes(ex))
				.contains("jwt.providers.corp.clock-skew"));
	}

	private static String causes(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
