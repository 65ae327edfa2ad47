package io.github.jwtstarter.jwt;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TestVerifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An {@code unknown issuer} rejection at DEBUG names the token's {@code iss} and the
 * configured issuer it nearly matches, safely: capped and with control characters
 * escaped.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownIssuerLogTests {

	private static final RSAKey KEY = TestKeys.rsa("idp-1");

	private static final String CONFIGURED = "https://idp.example/realms/corp/";

	private static TestVerifiers verifiers(String level) {
		return TestVerifiers.start("jwt.providers.corp.issuer=" + CONFIGURED,
				"jwt.providers.corp.jwks.local=" + TestKeys.toPem(KEY),
				"logging.level.io.github.jwtstarter.jwt.JwtVerifier=" + level);
	}

	private static void assertUnknownIssuer(TestVerifiers verifiers, String issuer) {
		String token = TestJwts.issuer(issuer).subject("alice").signWith(KEY);
		assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> verifiers.verifier().verify(token, (provider) -> true))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(JwtFailure.UNKNOWN_ISSUER));
	}

	@Test
	void trailingSlashMismatchNamesTheTokensIssuerAndTheConfiguredOne(CapturedOutput output) {
		try (TestVerifiers verifiers = verifiers("debug")) {
			assertUnknownIssuer(verifiers, "https://idp.example/realms/corp");
		}
		assertThat(output).contains(
				"Rejected token: unknown issuer, iss=\"https://idp.example/realms/corp\"; " + "the configured issuer \""
						+ CONFIGURED + "\" differs only by a trailing slash, letter case or scheme");
	}

	@Test
	void caseAndSchemeMismatchesAreNearMatchesToo(CapturedOutput output) {
		try (TestVerifiers verifiers = verifiers("debug")) {
			assertUnknownIssuer(verifiers, "HTTP://IDP.example/realms/corp/");
		}
		assertThat(output).contains("iss=\"HTTP://IDP.example/realms/corp/\"; the configured issuer \"" + CONFIGURED);
	}

	@Test
	void otherIssuerIsNamedWithoutAConfiguredOne(CapturedOutput output) {
		try (TestVerifiers verifiers = verifiers("debug")) {
			assertUnknownIssuer(verifiers, "https://evil.example");
		}
		assertThat(output).contains("iss=\"https://evil.example\"; no configured issuer is close to it")
			.doesNotContain("the configured issuer");
	}

	@Test
	void issuerIsCappedAndItsControlCharactersEscaped(CapturedOutput output) {
		String forged = "https://evil.example\n2026-01-01 INFO forged line\u001b[31m" + "x".repeat(500);
		try (TestVerifiers verifiers = verifiers("debug")) {
			assertUnknownIssuer(verifiers, forged);
		}
		assertThat(output).contains("iss=\"https://evil.example\\u000a2026-01-01 INFO forged line\\u001b[31mxxx")
			.contains("... (" + forged.length() + " characters)")
			.doesNotContain("\n2026-01-01 INFO forged line")
			.doesNotContain("x".repeat(UnknownIssuerLog.MAX_LOGGED_LENGTH));
	}

	@Test
	void nothingIsLoggedBelowDebug(CapturedOutput output) {
		try (TestVerifiers verifiers = verifiers("info")) {
			assertUnknownIssuer(verifiers, "https://idp.example/realms/corp");
		}
		assertThat(output).doesNotContain("unknown issuer, iss=");
	}

	@Test
	void nearMatchIsOnlyADifferenceOfTrailingSlashCaseOrScheme() {
		assertThat(UnknownIssuerLog.isNearMatch("https://idp.example", "https://idp.example/")).isTrue();
		assertThat(UnknownIssuerLog.isNearMatch("https://idp.example//", "https://idp.example")).isTrue();
		assertThat(UnknownIssuerLog.isNearMatch("http://Idp.Example", "https://idp.example")).isTrue();
		assertThat(UnknownIssuerLog.isNearMatch("https://idp.example", "https://idp.example")).isFalse();
		assertThat(UnknownIssuerLog.isNearMatch("https://idp.example/a", "https://idp.example/b")).isFalse();
		assertThat(UnknownIssuerLog.isNearMatch("https://idp.example.evil", "https://idp.example")).isFalse();
	}

}
