package io.github.jwtstarter.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertForbidden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-control guide end to end: the sample application with the
 * {@code access-control} profile (a PEM-key provider {@code kube} and the policy "only
 * system:serviceaccount:default:svc-a may GET /api/pets"), service-account-shaped tokens
 * without {@code exp} signed with a real RSA key, real HTTP. The PEM public key is read
 * from a file, as in the guide; a second provider ({@code corp}) is added to show that
 * the policy's principal is bound to {@code kube}.
 * <p>
 * Written once for both web stacks: {@code ServletAccessControlEndToEndTests}
 * (sample-app, Tomcat) and {@code ReactiveAccessControlEndToEndTests} (sample-reactive,
 * Netty) run these scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("access-control")
abstract class AccessControlEndToEndTests {

	static final String SVC_A = "system:serviceaccount:default:svc-a";

	static final String SVC_B = "system:serviceaccount:default:svc-b";

	static final RSAKey KUBE_KEY = TestKeys.rsa("sa-signing-key");

	static final ECKey CORP_KEY = TestKeys.ec("corp-1", Curve.P_256);

	static final Path PUBLIC_KEY = writePublicKey();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("jwt.providers.kube.jwks.location", () -> PUBLIC_KEY.toUri().toString());
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.local", () -> TestKeys.toPublicJwkSetJson(CORP_KEY));
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

	/**
	 * A token shaped like a legacy Kubernetes service-account token: issuer
	 * {@code kubernetes/serviceaccount}, no {@code exp}.
	 */
	static String serviceAccountToken(String subject) {
		return TestJwts.issuer("kubernetes/serviceaccount")
			.subject(subject)
			.noExpiry()
			.claim("kubernetes.io/serviceaccount/namespace", "default")
			.signWith(KUBE_KEY);
	}

	HttpResponse<String> send(String method, String path, @Nullable String token) {
		TestHttp http = new TestHttp(this.port);
		if (!"POST".equals(method)) {
			return http.send(method, path, token);
		}
		HttpRequest.Builder request = http.newRequest(path)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Rex\",\"kind\":\"dog\"}"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build());
	}

	@Test
	void requestWithoutTokenIs401() throws Exception {
		HttpResponse<String> response = send("GET", "/api/pets", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void svcACanListPets() throws Exception {
		HttpResponse<String> response = send("GET", "/api/pets", serviceAccountToken(SVC_A));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"Fido\"");
		assertThat(send("GET", "/api/pets/1", serviceAccountToken(SVC_A)).statusCode()).isEqualTo(200);
	}

	@Test
	void svcACannotAddPets() throws Exception {
		assertForbidden(send("POST", "/api/pets", serviceAccountToken(SVC_A)));
	}

	@Test
	void svcACannotReadOtherPaths() throws Exception {
		assertForbidden(send("GET", "/foo", serviceAccountToken(SVC_A)));
		assertForbidden(send("GET", "/whoami", serviceAccountToken(SVC_A)));
	}

	@Test
	void svcBIsDenied() throws Exception {
		assertForbidden(send("GET", "/api/pets", serviceAccountToken(SVC_B)));
	}

	@Test
	void sameSubjectFromAnotherProviderIsDenied() throws Exception {
		String corpTokenForSvcA = TestJwts.issuer("https://corp.example").subject(SVC_A).signWith(CORP_KEY);
		assertThat(send("GET", "/public/hello", corpTokenForSvcA).body()).contains(SVC_A);
		assertForbidden(send("GET", "/api/pets", corpTokenForSvcA));
	}

	@Test
	void tokenSignedWithAnotherKeyIs401() throws Exception {
		String forged = TestJwts.issuer("kubernetes/serviceaccount")
			.subject(SVC_A)
			.noExpiry()
			.signWith(TestKeys.rsa("sa-signing-key"));
		HttpResponse<String> response = send("GET", "/api/pets", forged);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"invalid signature\"");
	}

	@Test
	void routesOpenWithoutTokenStayOpen() throws Exception {
		assertThat(send("GET", "/public/hello", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/public/hello", serviceAccountToken(SVC_B)).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
	}

}
