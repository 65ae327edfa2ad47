package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A JWK Set found by OpenID Connect discovery from the issuer, resolved lazily on the
 * first fetch (an unreachable issuer never fails startup) and retried on later fetches
 * until it succeeds. Falls back to RFC 8414 authorization server metadata. The document's
 * {@code issuer} must equal the configured issuer and its {@code jwks_uri} must be
 * http(s), and https when the issuer is (a loopback {@code jwks_uri} aside). The
 * {@code jwks_uri} may name another host: identity providers commonly serve keys from
 * one.
 */
final class DiscoveryJwkSetSource implements JWKSetSource<SecurityContext> {

	private final String issuer;

	private final ResourceRetriever retriever;

	private volatile @Nullable URLBasedJWKSetSource<SecurityContext> delegate;

	DiscoveryJwkSetSource(String issuer, ResourceRetriever retriever) {
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(retriever, "retriever cannot be null");
		this.issuer = issuer;
		this.retriever = retriever;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		URLBasedJWKSetSource<SecurityContext> source = this.delegate;
		if (source == null) {
			source = new URLBasedJWKSetSource<>(discoverJwkSetUrl(), this.retriever);
			this.delegate = source;
		}
		return source.getJWKSet(refreshEvaluator, currentTime, context);
	}

	private URL discoverJwkSetUrl() throws KeySourceException {
		KeySourceException failure = null;
		for (URI location : metadataLocations(this.issuer)) {
			try {
				Map<String, Object> metadata = JSONObjectUtils
					.parse(this.retriever.retrieveResource(location.toURL()).getContent());
				if (!this.issuer.equals(metadata.get("issuer"))) {
					throw new JWKSetRetrievalException("discovery document names another issuer", null);
				}
				Object jwksUri = metadata.get("jwks_uri");
				if (!(jwksUri instanceof String uri) || !(uri.startsWith("https://") || uri.startsWith("http://"))) {
					throw new JWKSetRetrievalException("discovery document has no http(s) jwks_uri", null);
				}
				URI jwksLocation = URI.create(uri);
				if (this.issuer.startsWith("https://") && "http".equals(jwksLocation.getScheme())
						&& !isLoopback(jwksLocation.getHost())) {
					throw new JWKSetRetrievalException("an https issuer's jwks_uri must be https", null);
				}
				return jwksLocation.toURL();
			}
			catch (KeySourceException ex) {
				failure = ex;
			}
			catch (IOException | java.text.ParseException | RuntimeException ex) {
				failure = new JWKSetRetrievalException("discovery failed", ex);
			}
		}
		throw failure;
	}

	private static boolean isLoopback(@Nullable String host) {
		return host != null
				&& (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
	}

	static URI[] metadataLocations(String issuer) {
		URI uri = URI.create(issuer);
		String path = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		return new URI[] { URI.create(origin + path + "/.well-known/openid-configuration"),
				URI.create(origin + "/.well-known/oauth-authorization-server" + path) };
	}

	@Override
	public void close() throws IOException {
		URLBasedJWKSetSource<SecurityContext> source = this.delegate;
		if (source != null) {
			source.close();
		}
	}

}
