package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.util.ArrayList;
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
 * number of providers) and by id. An issuer that no provider has exactly is then tried
 * against the issuer templates of multi-tenant providers, in configuration order; one
 * that no template accepts costs no network call.
 */
public final class JwtProviderRegistry implements DisposableBean {

	private static final Log logger = LogFactory.getLog(JwtProviderRegistry.class);

	private final Map<String, JwtProvider> byId;

	private final Map<String, JwtProvider> byIssuer;

	private final List<JwtProvider> providers;

	private final JwtProviderTenants[] templates;

	/**
	 * Creates a registry.
	 * @param providers the providers, in configuration order
	 * @throws IllegalArgumentException when two providers share an id or an issuer, or an
	 * issuer template could match another provider's issuer
	 */
	public JwtProviderRegistry(Collection<JwtProvider> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Map<String, JwtProvider> byId = new LinkedHashMap<>();
		Map<String, JwtProvider> byIssuer = new LinkedHashMap<>();
		List<JwtProvider> templates = new ArrayList<>();
		for (JwtProvider provider : providers) {
			Assert.isNull(byId.put(provider.getId(), provider), () -> "duplicate provider id " + provider.getId());
			if (provider.getTenants() != null) {
				templates.add(provider);
			}
			else {
				Assert.isNull(byIssuer.put(provider.getIssuer(), provider),
						() -> "duplicate issuer of provider " + provider.getId());
			}
		}
		for (int i = 0; i < templates.size(); i++) {
			JwtProvider template = templates.get(i);
			IssuerTemplate issuers = template.getTenants().getTemplate();
			byIssuer.forEach(
					(issuer, provider) -> Assert.isNull(issuers.tenant(issuer), () -> "the issuer template of provider "
							+ template.getId() + " matches the issuer of provider " + provider.getId()));
			for (JwtProvider other : templates.subList(0, i)) {
				Assert.isTrue(!issuers.overlaps(other.getTenants().getTemplate()), () -> "the issuer templates of "
						+ "providers " + other.getId() + " and " + template.getId() + " can match the same issuer");
			}
		}
		this.byId = Map.copyOf(byId);
		this.byIssuer = Map.copyOf(byIssuer);
		this.providers = List.copyOf(byId.values());
		this.templates = templates.stream().map(JwtProvider::getTenants).toArray(JwtProviderTenants[]::new);
	}

	/**
	 * Returns the provider with the given issuer: the provider of that exact issuer, else
	 * the provider of the tenant a multi-tenant provider's template accepts (made on
	 * first use, see {@link JwtProviderTenants}).
	 * @param issuer the issuer
	 * @return the provider, or {@code null}
	 * @throws JwtVerificationException when the provider of an accepted tenant cannot be
	 * made
	 */
	public @Nullable JwtProvider byIssuer(String issuer) {
		JwtProvider provider = this.byIssuer.get(issuer);
		if (provider != null) {
			return provider;
		}
		for (JwtProviderTenants template : this.templates) {
			JwtProvider tenant = template.provider(issuer);
			if (tenant != null) {
				return tenant;
			}
		}
		return null;
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
	 * Returns the decoder of the provider with the given id (for a multi-tenant provider,
	 * one that hands each token to its tenant's decoder).
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
