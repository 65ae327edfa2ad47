package io.github.jwtstarter.jwt;

import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * EdDSA (Ed25519) tokens verify with Google Tink on the class path, from local and remote
 * keys; without Tink, a local Ed25519 key fails startup and a remote one is skipped with
 * a warning, each naming the missing dependency.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdDsaVerificationTests {

	static final OctetKeyPair KEY = TestKeys.ed25519("ed-1");

	static final RSAKey RSA_KEY = TestKeys.rsa("rsa-1");

	static final String ISSUER = "https://ed.example";

	static final FilteredClassLoader WITHOUT_TINK = new FilteredClassLoader("com.google.crypto.tink");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
		.withPropertyValues("jwt.providers.ed.issuer=" + ISSUER);

	static String token(OctetKeyPair key) {
		return TestJwts.issuer(ISSUER).subject("alice").signWith(key);
	}

	@Test
	void ed25519TokenVerifiesWithLocalKeyAndTink() {
		this.contextRunner.withPropertyValues("jwt.providers.ed.jwks.local=" + KEY.toPublicJWK().toJSONString())
			.run((context) -> {
				VerifiedJwt verified = context.getBean(JwtVerifier.class).verify(token(KEY), (provider) -> true);
				assertThat(verified.authentication().getName()).isEqualTo("alice");
				assertThatExceptionOfType(JwtVerificationException.class)
					.isThrownBy(() -> context.getBean(JwtVerifier.class)
						.verify(token(TestKeys.ed25519("ed-1")), (provider) -> true))
					.extracting(JwtVerificationException::getFailure)
					.isEqualTo(JwtFailure.BAD_SIGNATURE);
			});
	}

	@Test
	void ed25519TokenVerifiesWithRemoteKeyAndTink() {
		try (JwksServer server = JwksServer.start(KEY.toPublicJWK())) {
			this.contextRunner.withPropertyValues("jwt.providers.ed.jwks.uri=" + server.jwksUri()).run((context) -> {
				VerifiedJwt verified = context.getBean(JwtVerifier.class).verify(token(KEY), (provider) -> true);
				assertThat(verified.authentication().getName()).isEqualTo("alice");
			});
		}
	}

	@Test
	void localEd25519KeyFailsStartupWithoutTinkNamingTheDependency() {
		this.contextRunner.withClassLoader(WITHOUT_TINK)
			.withPropertyValues("jwt.providers.ed.jwks.local=" + KEY.toPublicJWK().toJSONString())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("jwt.providers.ed.jwks.local")
					.hasStackTraceContaining("Google Tink")
					.hasStackTraceContaining("com.google.crypto.tink:tink");
			});
	}

	@Test
	void remoteEd25519KeyIsSkippedWithoutTinkWithOneWarningNamingTheDependency(CapturedOutput output) {
		try (JwksServer server = JwksServer.start(KEY.toPublicJWK(), RSA_KEY.toPublicJWK())) {
			this.contextRunner.withClassLoader(WITHOUT_TINK)
				.withPropertyValues("jwt.providers.ed.jwks.uri=" + server.jwksUri(),
						"jwt.providers.ed.jwks.min-refresh-interval=0s")
				.run((context) -> {
					JwtVerifier verifier = context.getBean(JwtVerifier.class);
					assertThat(verifier
						.verify(TestJwts.issuer(ISSUER).subject("bob").signWith(RSA_KEY), (provider) -> true)
						.authentication()
						.getName()).isEqualTo("bob");
					for (int i = 0; i < 3; i++) {
						assertThatExceptionOfType(JwtVerificationException.class)
							.isThrownBy(() -> verifier.verify(token(KEY), (provider) -> true))
							.extracting(JwtVerificationException::getFailure)
							.isEqualTo(JwtFailure.BAD_SIGNATURE);
					}
				});
			String warning = "JWT provider 'ed': skipped key #0 (kid ed-1): Ed25519 keys need Google Tink";
			assertThat(output.getOut()).contains(warning).contains("com.google.crypto.tink:tink");
			assertThat(StringUtils.countOccurrencesOf(output.getOut(), warning)).isOne();
		}
	}

}
