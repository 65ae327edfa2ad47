package io.github.jwtstarter.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.github.jwtstarter.test.TestHttp;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * A running Spring Authorization Server on a loopback port with two registered
 * {@code client_credentials} clients, and a client for its token endpoint.
 * <ul>
 * <li>{@value #PETS_APP}: scopes {@code pets.read pets.write};</li>
 * <li>{@value #BILLING_APP}: scopes {@code pets.read billing.read}.</li>
 * </ul>
 * The secret of each client is its id followed by {@code -secret}. Access tokens are JWTs
 * with {@code aud} set to the requesting client's id (the server's default).
 */
public final class AuthorizationServer implements AutoCloseable {

	/** A client of the pets API. */
	public static final String PETS_APP = "pets-app";

	/** A client of another API, with a {@code pets.read} scope all the same. */
	public static final String BILLING_APP = "billing-app";

	private static final String CLIENT = "spring.security.oauth2.authorizationserver.client.";

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private final HttpClient http = TestHttp.newClient().build();

	private AuthorizationServer(ConfigurableApplicationContext context, String issuer) {
		this.context = context;
		this.issuer = issuer;
	}

	/**
	 * Start the server on the given loopback port, with issuer
	 * {@code http://127.0.0.1:<port>}.
	 * @param port the port
	 * @return the running server
	 */
	public static AuthorizationServer start(int port) {
		String issuer = "http://127.0.0.1:" + port;
		List<String> properties = new ArrayList<>(List.of("server.port=" + port, "server.address=127.0.0.1",
				// keep the sample's application.yml (and its jwt.* settings) away
				"spring.config.name=authorization-server", "spring.main.banner-mode=off",
				"spring.security.oauth2.authorizationserver.issuer=" + issuer));
		properties.addAll(client(PETS_APP, "pets.read", "pets.write"));
		properties.addAll(client(BILLING_APP, "pets.read", "billing.read"));
		// a servlet application (Spring Authorization Server), also on a class path that
		// holds WebFlux
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthorizationServerApplication.class)
			.main(AuthorizationServerApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(properties.toArray(String[]::new))
			.run();
		return new AuthorizationServer(context, issuer);
	}

	private static List<String> client(String clientId, String... scopes) {
		String prefix = CLIENT + clientId + ".registration.";
		List<String> properties = new ArrayList<>(
				List.of(prefix + "client-id=" + clientId, prefix + "client-secret={noop}" + secret(clientId),
						prefix + "client-authentication-methods[0]=client_secret_basic",
						prefix + "authorization-grant-types[0]=client_credentials"));
		for (int i = 0; i < scopes.length; i++) {
			properties.add(prefix + "scopes[" + i + "]=" + scopes[i]);
		}
		return properties;
	}

	private static String secret(String clientId) {
		return clientId + "-secret";
	}

	/**
	 * Return the issuer, as configured and as found in tokens and metadata.
	 * @return the issuer
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * Return the server's keys, for rotation.
	 * @return the keys
	 */
	public RotatingJwkSource keys() {
		return this.context.getBean(RotatingJwkSource.class);
	}

	/**
	 * Obtain an access token with the {@code client_credentials} grant: {@code POST
	 * /oauth2/token} with HTTP Basic client authentication.
	 * @param clientId the client
	 * @param scope the requested scopes, space separated
	 * @return the access token
	 */
	public String clientCredentialsToken(String clientId, String scope) {
		String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret(clientId)).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			Assert.state(response.statusCode() == 200,
					() -> "token request failed: " + response.statusCode() + " " + response.body());
			Map<String, Object> body = JSONObjectUtils.parse(response.body());
			return (String) body.get("access_token");
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException("token request failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
