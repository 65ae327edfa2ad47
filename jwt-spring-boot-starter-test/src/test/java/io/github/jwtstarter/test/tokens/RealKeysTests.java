package io.github.jwtstarter.test.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.app.TestApplication;
import io.github.jwtstarter.test.app.UnusedEndpoint;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.jwtstarter.test.web.servlet.JwtMockMvc.withJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A provider named in {@code keepRealKeys} verifies with its configured keys; the others
 * still get test keys. A loopback listener sees the fetch of a provider that keeps its
 * remote keys, which shows that the other tests' "no connection" assertion can fail.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
@AutoConfigureJwtTestTokens(keepRealKeys = { "kube", "corp" })
class RealKeysTests {

	static final RSAKey KUBE_KEY = TestKeys.rsa("sa-key");

	static final Path PUBLIC_KEY = writePublicKey();

	static final UnusedEndpoint corpJwks = UnusedEndpoint.start();

	@Autowired
	MockMvc mvc;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		UnusedEndpoint.register(registry);
		registry.add("jwt.providers.kube.jwks.location", () -> PUBLIC_KEY.toUri().toString());
		registry.add("jwt.providers.corp.jwks.uri", () -> corpJwks.url() + "/jwks.json");
	}

	static Path writePublicKey() {
		try {
			Path file = Files.createTempFile("sa", ".pub");
			Files.writeString(file, TestKeys.toPem(KUBE_KEY), StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void deletePublicKey() throws IOException {
		Files.deleteIfExists(PUBLIC_KEY);
	}

	@Test
	void providerThatKeepsItsRealKeysVerifiesTokensSignedWithThem() throws Exception {
		String token = TestJwts.issuer("kubernetes/serviceaccount").subject("svc-a").noExpiry().signWith(KUBE_KEY);
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("kube"));
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("kube").signWith(KUBE_KEY))))
			.andExpect(status().isOk());
	}

	@Test
	void providerThatKeepsItsRealKeysRejectsTestKeys() throws Exception {
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.provider("kube").build())
			.withMessageContaining("jwt.test.real-keys");
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("kube").signedByUnknownKey())))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void otherProvidersStillGetTestKeys() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("partner"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("partner"));
	}

	@Test
	void providerThatKeepsItsRemoteKeysFetchesThem() throws Exception {
		this.mvc.perform(get("/whoami").with(withJwt(this.tokens.provider("corp").signedByUnknownKey())))
			.andExpect(status().isUnauthorized());
		assertThat(corpJwks.connections()).isPositive();
	}

}
