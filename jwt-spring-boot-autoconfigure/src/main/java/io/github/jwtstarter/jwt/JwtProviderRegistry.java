package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.Assert;

/**
 * The configured providers, looked up by issuer (a map lookup, constant time in the
 * number of providers) and by id.
 */
public final class JwtProviderRegistry implements DisposableBean {

	private static final Log logger = LogFactory.getLog(JwtProviderRegistry.class);

	private final Map<String, JwtProvider> byId;

	private final Map<String, JwtProvider> byIssuer;

	private final List<JwtProvider> providers;

	/**
	 * Creates a registry.
	 * @param providers the providers, in configuration order
	 */
	public JwtProviderRegistry(Collection<JwtProvider> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Map<String, JwtProvider> byId = new LinkedHashMap<>();
		Map<String, JwtProvider> byIssuer = new LinkedHashMap<>();
		for (JwtProvider provider : providers) {
			Assert.isNull(byId.put(provider.getId(), provider), () -> "duplicate provider id " + provider.getId());
			Assert.isNull(byIssuer.put(provider.getIssuer(), provider),
					() -> "duplicate issuer of provider " + provider.getId());
		}
		this.byId = Map.copyOf(byId);
		this.byIssuer = Map.copyOf(byIssuer);
		this.providers = List.copyOf(byId.values());
	}

	/**
	 * Returns the provider with the given issuer.
	 * @param issuer the exact issuer
	 * @return the provider, or {@code null}
	 */
	public @Nullable JwtProvider byIssuer(String issuer) {
		return this.byIssuer.get(issuer);
	}

	/**
	 * Returns the provider with the given id.
	 * @param id the provider id
	 * @return the provider, or {@code null}
	 */
	public @Nullable JwtProvider byId(String id) {
		return this.byId.get(id);
	}

	/**
	 * Returns the decoder of the provider with the given id.
	 * @param id the provider id
	 * @return the decoder, or {@code null}
	 */
	public @Nullable JwtDecoder decoder(String id) {
		JwtProvider provider = this.byId.get(id);
		return (provider != null) ? provider.getDecoder() : null;
	}

	/**
	 * Returns every provider, in configuration order.
	 * @return the providers
	 */
	public List<JwtProvider> providers() {
		return this.providers;
	}

	@Override
	public void destroy() {
		for (JwtProvider provider : this.providers) {
			try {
				provider.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the keys of JWT provider '" + provider.getId() + "' failed", ex);
			}
		}
	}

}
