package io.github.jwtstarter.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user reads when {@code jwt.providers.<id>.jwks.location} names a missing or
 * unusable resource: Boot's failure analysis with the value as written.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwksLocationFailureAnalysisTests {

	@Test
	void missingClasspathLocationIsReportedAsWritten(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("classpath:missing/sa.pub"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'classpath:missing/sa.pub' for configuration property "
					+ "'jwt.providers.kube.jwks.location'")
			.contains("cannot be read");
	}

	@Test
	void fileWithoutKeysIsReportedAsWritten(@TempDir Path dir, CapturedOutput output) throws IOException {
		Path file = Files.writeString(dir.resolve("sa.pub"), "not a key");
		String location = "file:" + file;
		assertThatException().isThrownBy(() -> start(location));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + location + "' for configuration property 'jwt.providers.kube.jwks.location'");
	}

	@Test
	void plainAbsolutePathIsToldToAddTheFilePrefix(@TempDir Path dir, CapturedOutput output) throws IOException {
		Path file = Files.writeString(dir.resolve("sa.pub"), TestKeys.toPem(TestKeys.rsa("kube-1")));
		String location = file.toAbsolutePath().toString();
		assertThatException().isThrownBy(() -> start(location));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + location + "' for configuration property 'jwt.providers.kube.jwks.location'")
			.contains("add the file: prefix for a file (file:" + location + ")");
	}

	private static void start(String location) {
		new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.location=" + location)
			.run()
			.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
