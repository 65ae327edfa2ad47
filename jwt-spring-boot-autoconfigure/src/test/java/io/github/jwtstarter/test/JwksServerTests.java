package io.github.jwtstarter.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JwksServer}.
 */
class JwksServerTests {

	private final RSAKey key = TestKeys.rsa("k1");

	private final JwksServer server = JwksServer.start(this.key);

	private final TestHttp http = TestHttp.to(this.server.uri());

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void jwksUriWhenHealthyThenServesPublicKeysAndCountsRequests() throws Exception {
		HttpResponse<String> response = get(this.server.jwksUri());
		get(this.server.jwksUri());
		assertThat(response.statusCode()).isEqualTo(200);
		JWKSet set = JWKSet.parse(response.body());
		assertThat(set.getKeyByKeyId("k1")).isEqualTo(this.key.toPublicJWK());
		assertThat(this.server.requestCount()).isEqualTo(2);
		assertThat(this.server.resetCount().requestCount()).isZero();
	}

	@Test
	void discoveryDocumentWhenRequestedThenNamesIssuerAndJwksUri() throws Exception {
		Map<String, Object> document = JSONObjectUtils.parse(get(this.server.uri() + JwksServer.DISCOVERY_PATH).body());
		assertThat(document).containsEntry("issuer", this.server.uri())
			.containsEntry("jwks_uri", this.server.jwksUri());
		this.server.discoveryIssuer("https://other.example");
		assertThat(JSONObjectUtils.parse(get(this.server.uri() + JwksServer.DISCOVERY_PATH).body()))
			.containsEntry("issuer", "https://other.example");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void behaviourSwitchesWhenSetThenResponsesMisbehaveUntilHealthy() throws Exception {
		assertThat(this.server.failWith(503).requestCount()).isZero();
		assertThat(get(this.server.jwksUri()).statusCode()).isEqualTo(503);
		HttpResponse<String> redirect = get(this.server.redirectTo("http://127.0.0.1:1/x").jwksUri());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValue("http://127.0.0.1:1/x");
		assertThat(get(this.server.respondWith("not json").jwksUri()).body()).isEqualTo("not json");
		String huge = get(this.server.respondHuge(200_000).jwksUri()).body();
		assertThat(huge.length()).isGreaterThanOrEqualTo(200_000);
		assertThat(JWKSet.parse(huge).getKeyByKeyId("k1")).isNotNull();
		assertThat(get(this.server.healthy().jwksUri()).statusCode()).isEqualTo(200);
		assertThat(this.server.requestCount()).isEqualTo(5);
	}

	@Test
	void respondTricklingWhenSetThenSendsTheWholeSetOneByteAtATime() throws Exception {
		HttpResponse<String> response = get(this.server.respondTrickling(Duration.ofMillis(1)).jwksUri());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		assertThat(JWKSet.parse(response.body()).getKeyByKeyId("k1")).isEqualTo(this.key.toPublicJWK());
	}

	private HttpResponse<String> get(String uri) {
		return this.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TestHttp.REQUEST_TIMEOUT).build());
	}

}
