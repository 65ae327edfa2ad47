package io.github.jwtstarter.matrix.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several providers, each with its own key source: a remote JWK Set, keys discovered from
 * the issuer by OIDC discovery, keys discovered from RFC 8414 authorization server
 * metadata (an issuer with a path,
 * {@code /.well-known/oauth-authorization-server/<path>}), an inline PEM key and a JWK
 * Set file. Each token is verified by the provider of its issuer, with that provider's
 * keys only.
 */
class ProviderScenarios extends MatrixScenarios {

	static final RSAKey REMOTE_KEY = TestKeys.rsa("remote-1");

	static final RSAKey OIDC_KEY = TestKeys.rsa("oidc-1");

	static final ECKey RFC8414_KEY = TestKeys.ec("as-1", Curve.P_256);

	static final RSAKey LOCAL_KEY = TestKeys.rsa("local-1");

	static final RSAKey FILE_KEY = TestKeys.rsa("file-1");

	static final JwksServer remote = JwksServer.start(REMOTE_KEY);

	static final JwksServer oidc = JwksServer.start(OIDC_KEY);

	static final JwksServer authorizationServer = JwksServer.start(RFC8414_KEY)
		.authorizationServerMetadata("/tenants/a");

	static final Path jwksFile = jwksFile();

	@AfterAll
	static void stopServers() throws IOException {
		remote.close();
		oidc.close();
		authorizationServer.close();
		Files.deleteIfExists(jwksFile);
	}

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		return pairs("jwt.providers.remote.issuer", "https://remote.example", "jwt.providers.remote.jwks.uri",
				remote.jwksUri(), "jwt.providers.oidc.issuer", oidc.issuer(), "jwt.providers.rfc8414.issuer",
				authorizationServer.issuer(), "jwt.providers.local.issuer", "https://local.example",
				"jwt.providers.local.jwks.local", TestKeys.toPem(LOCAL_KEY), "jwt.providers.file.issuer",
				"https://file.example", "jwt.providers.file.jwks.location", jwksFile.toUri().toString(),
				"jwt.providers.remote.claims-to-headers[0].claim", "iss",
				"jwt.providers.remote.claims-to-headers[0].header", "x-issuer",
				"jwt.providers.rfc8414.claims-to-headers[0].claim", "iss",
				"jwt.providers.rfc8414.claims-to-headers[0].header", "x-issuer");
	}

	private static Path jwksFile() {
		try {
			Path file = Files.createTempFile("matrix-jwks", ".json");
			Files.writeString(file, TestKeys.toPublicJwkSetJson(FILE_KEY));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void tokenOfARemoteJwkSetIsVerifiedByItsProvider() {
		assertOk(
				http().get("/api/orders", TestJwts.issuer("https://remote.example").subject("a").signWith(REMOTE_KEY)));
		assertThat(received().only().header("x-issuer")).containsExactly("https://remote.example");
	}

	@Test
	void keysAreDiscoveredFromTheIssuersOidcDiscoveryDocument() {
		assertOk(http().get("/api/orders", TestJwts.issuer(oidc.issuer()).subject("b").signWith(OIDC_KEY)));
		assertThat(oidc.discoveryRequestCount()).isPositive();
	}

	@Test
	void keysAreDiscoveredFromRfc8414MetadataOfAnIssuerWithAPath() {
		String issuer = authorizationServer.issuer();
		assertThat(issuer).endsWith("/tenants/a");
		assertOk(http().get("/api/orders", TestJwts.issuer(issuer).subject("c").signWith(RFC8414_KEY)));
		assertThat(received().only().header("x-issuer")).containsExactly(issuer);
		assertThat(authorizationServer.metadataRequestCount()).isPositive();
		assertThat(authorizationServer.discoveryRequestCount()).isZero();
	}

	@Test
	void inlinePemAndJwkSetFileKeysVerifyTheirProvidersTokens() {
		assertOk(http().get("/api/orders", TestJwts.issuer("https://local.example").subject("d").signWith(LOCAL_KEY)));
		assertOk(http().get("/api/orders", TestJwts.issuer("https://file.example").subject("e").signWith(FILE_KEY)));
	}

	@Test
	void tokenSignedWithAnotherProvidersKeyIsRefused() {
		assertInvalidToken(
				http().get("/api/orders", TestJwts.issuer("https://remote.example").subject("a").signWith(LOCAL_KEY)));
		assertInvalidToken(
				http().get("/api/orders", TestJwts.issuer("https://local.example").subject("d").signWith(REMOTE_KEY)));
		received().assertNone();
	}

	@Test
	void tokenOfAnUnknownIssuerIsRefused() {
		assertInvalidToken(http().get("/api/orders",
				TestJwts.issuer("https://unknown.example").subject("a").signWith(REMOTE_KEY)));
		received().assertNone();
	}

}
