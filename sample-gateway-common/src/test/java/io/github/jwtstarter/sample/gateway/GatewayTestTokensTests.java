package io.github.jwtstarter.sample.gateway;

import java.net.http.HttpResponse;

import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream.Received;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;
import io.github.jwtstarter.test.tokens.JwtTestToken;
import io.github.jwtstarter.test.tokens.JwtTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.TestHttp.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test module ({@code jwt-spring-boot-starter-test}) on the sample gateway:
 * {@code @AutoConfigureJwtTestTokens} replaces the providers' key sources (JWKS URLs that
 * nothing serves) with generated keys, and the tokens it mints go through the gateway's
 * real verification, RBAC, routes and claim headers to real upstreams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureJwtTestTokens
abstract class GatewayTestTokensTests {

	static final EchoUpstream primary = EchoUpstream.start("primary");

	static final EchoUpstream canary = EchoUpstream.start("canary");

	static final EchoUpstream pets = EchoUpstream.start("pets");

	@LocalServerPort
	int port;

	@Autowired
	JwtTestTokens tokens;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// key sources that nothing serves: the test keys replace them
		CorpAndKube.register(registry, () -> "http://127.0.0.1:9/never-fetched",
				() -> "http://127.0.0.1:9/never-fetched");
		registry.add("upstream.primary", primary::uri);
		registry.add("upstream.canary", canary::uri);
		registry.add("upstream.pets", pets::uri);
	}

	@AfterAll
	static void stopUpstreams() {
		primary.close();
		canary.close();
		pets.close();
	}

	@BeforeEach
	void forgetRequests() {
		primary.reset();
		canary.reset();
		pets.reset();
	}

	HttpResponse<String> get(String path, JwtTestToken token) {
		return new TestHttp(this.port).get(path, token.value());
	}

	@Test
	void mintedTokenReachesTheUpstreamItsClaimsRouteTo() {
		JwtTestToken token = this.tokens.provider("corp").subject("dave").claim("org", "solo.io").build();
		assertThat(get("/greeting", token).statusCode()).isEqualTo(200);
		assertThat(canary.received()).hasSize(1);
		Received received = canary.received().get(0);
		assertThat(received.header("x-company")).containsExactly("solo.io");
		assertThat(received.header("x-user")).containsExactly("dave");
		assertThat(received.contains(token.value())).isFalse();
		assertThat(primary.received()).isEmpty();
	}

	@Test
	void mintedServiceAccountTokenPassesTheRbacPolicy() {
		JwtTestToken allowed = this.tokens.provider("kube").subject("system:serviceaccount:default:svc-a").build();
		JwtTestToken other = this.tokens.provider("kube").subject("system:serviceaccount:default:svc-b").build();
		assertThat(get("/api/pets", allowed).statusCode()).isEqualTo(200);
		assertThat(get("/api/pets", other).statusCode()).isEqualTo(403);
		assertThat(pets.received()).hasSize(1);
	}

	@Test
	void expiredAndUnknownKeyTokensAreRejectedAsInProduction() {
		assertInvalidToken(get("/greeting", this.tokens.provider("corp").subject("dave").expired().build()));
		assertInvalidToken(get("/greeting", this.tokens.provider("corp").subject("dave").signedByUnknownKey().build()));
		assertThat(primary.received()).isEmpty();
		assertThat(canary.received()).isEmpty();
	}

	@Test
	void tokenInTheConfiguredQueryParameterIsRead() {
		JwtTestToken token = this.tokens.provider("corp").subject("erin").claim("org", "acme").inQueryParam().build();
		assertThat(new TestHttp(this.port).get("/greeting?access_token=" + token.value()).statusCode()).isEqualTo(200);
		assertThat(primary.received()).hasSize(1);
		assertThat(primary.received().get(0).header("x-user")).containsExactly("erin");
	}

}
