package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;

import org.springframework.util.unit.DataSize;

/**
 * The HTTP client for JWK Sets and discovery documents: configured timeouts, a response
 * size cap enforced while reading, no redirects followed, http and https only.
 *
 * @author jwt-spring-boot-starter
 */
final class JwksResourceRetriever extends DefaultResourceRetriever {

	JwksResourceRetriever(Duration connectTimeout, Duration readTimeout, DataSize maxSize) {
		super(Math.toIntExact(connectTimeout.toMillis()), Math.toIntExact(readTimeout.toMillis()),
				Math.toIntExact(maxSize.toBytes()));
		setHeaders(Map.of("Accept", List.of("application/json, application/jwk-set+json")));
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		String protocol = url.getProtocol();
		if (!"https".equals(protocol) && !"http".equals(protocol)) {
			throw new IOException("only http and https key sources are fetched");
		}
		return super.retrieveResource(url);
	}

	@Override
	protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
		HttpURLConnection connection = super.openHTTPConnection(url);
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		return connection;
	}

}
