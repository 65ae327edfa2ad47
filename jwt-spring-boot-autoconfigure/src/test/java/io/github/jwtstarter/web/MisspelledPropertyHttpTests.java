package io.github.jwtstarter.web;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A new user's typo, {@code audience} for {@code audiences}: the application does not
 * start (instead of starting with the audience check off), and Boot's failure analysis
 * names the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class MisspelledPropertyHttpTests {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	@Test
	void misspelledAudiencesStopsTheApplicationWithAFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("audience"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unknown configuration property 'jwt.providers.corp.audience'")
			.contains("Did you mean 'jwt.providers.corp.audiences'?");
	}

	@Test
	void correctlySpelledAudiencesRejectsATokenForAnotherApi() {
		try (ConfigurableApplicationContext context = start("audiences")) {
			TestHttp http = new TestHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			TestJwts corp = TestJwts.issuer("https://corp.example").subject("alice");
			assertInvalidToken(http.get("/whoami", corp.audience("billing-api").signWith(KEY)), "audience not allowed");
			assertOk(http.get("/whoami", corp.audience("orders-api").signWith(KEY)));
		}
	}

	private static ConfigurableApplicationContext start(String audiencesKey) {
		return new SpringApplicationBuilder(ClaimsTestApplication.class)
			.properties("server.port=0", "jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.local=" + TestKeys.toPublicJwkSetJson(KEY),
					"jwt.providers.corp." + audiencesKey + "=orders-api")
			.run();
	}

}
