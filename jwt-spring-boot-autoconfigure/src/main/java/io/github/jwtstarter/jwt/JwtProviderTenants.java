package io.github.jwtstarter.jwt;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.nimbusds.jwt.SignedJWT;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.Assert;

/**
 * The tenants of a multi-tenant provider, whose issuer holds a {@code {tenant}}
 * placeholder: for each tenant its issuer accepts ({@link IssuerTemplate}), a
 * {@link JwtProvider} of its own, made on first use (no network call: remote keys are
 * fetched when the first token needs them), with that tenant's issuer, its own keys or
 * the provider's shared key set, and every other check of the provider.
 * <p>
 * At most {@link #getMaxTenants()} tenants are kept, in a Caffeine cache whose eviction
 * favours recently and frequently used tenants (so a flood of made-up tenants does not
 * push the busy ones out); an evicted tenant's own keys are closed, and its next token
 * makes it anew, fetching its keys again. An issuer that matches no accepted tenant costs
 * no more than a few string comparisons.
 */
public final class JwtProviderTenants implements Closeable {

	private static final Log logger = LogFactory.getLog(JwtProviderTenants.class);

	private final String providerId;

	private final IssuerTemplate template;

	private final @Nullable String tenantClaim;

	private final int maxTenants;

	private final @Nullable ProviderKeys sharedKeys;

	private final Cache<String, JwtProvider> tenants;

	private final Function<String, JwtProvider> tenantProvider;

	/**
	 * Creates the tenants of a provider.
	 * @param providerId the provider's id
	 * @param template the issuer template and the tenants it accepts
	 * @param tenantClaim the claim that must equal the tenant, or {@code null}
	 * @param maxTenants the most tenants kept
	 * @param sharedKeys the key set of every tenant, or {@code null} for keys per tenant
	 * @param tenantProvider makes the provider of a tenant, given the tenant and these
	 * tenants
	 */
	JwtProviderTenants(String providerId, IssuerTemplate template, @Nullable String tenantClaim, int maxTenants,
			@Nullable ProviderKeys sharedKeys, BiFunction<String, JwtProviderTenants, JwtProvider> tenantProvider) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(template, "template cannot be null");
		Assert.isTrue(maxTenants > 0, "maxTenants must be positive");
		Assert.notNull(tenantProvider, "tenantProvider cannot be null");
		this.providerId = providerId;
		this.template = template;
		this.tenantClaim = tenantClaim;
		this.maxTenants = maxTenants;
		this.sharedKeys = sharedKeys;
		this.tenantProvider = (tenant) -> tenantProvider.apply(tenant, this);
		// maintenance on the caller's thread: the bound holds when get returns
		this.tenants = Caffeine.newBuilder()
			.maximumSize(maxTenants)
			.executor(Runnable::run)
			.removalListener(this::removed)
			.build();
	}

	/**
	 * Returns the provider of the tenant an issuer names, made on first use.
	 * @param issuer the token's unverified {@code iss}
	 * @return the tenant's provider, or {@code null} when the issuer names no accepted
	 * tenant
	 * @throws JwtVerificationException when the tenant's provider cannot be made
	 */
	@Nullable JwtProvider provider(String issuer) {
		String tenant = this.template.tenant(issuer);
		if (tenant == null) {
			return null;
		}
		try {
			return this.tenants.get(tenant, this.tenantProvider);
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("JWT provider '" + this.providerId + "': the provider of tenant '" + tenant
						+ "' cannot be made (" + ex.getClass().getName() + ")");
			}
			throw new JwtVerificationException(JwtFailure.KEYS_UNAVAILABLE, ex);
		}
	}

	/**
	 * A decoder that hands each token to its tenant's decoder; a token whose issuer names
	 * no accepted tenant is rejected as of an unknown issuer.
	 * @return the decoder
	 */
	JwtDecoder decoder() {
		return (token) -> {
			SignedJWT parsed = JwtTokenParser.parse(token);
			JwtProvider tenant = provider(JwtTokenParser.issuer(parsed));
			if (tenant == null) {
				throw new JwtVerificationException(JwtFailure.UNKNOWN_ISSUER);
			}
			return tenant.decoder().decode(token, parsed);
		};
	}

	/**
	 * Returns the issuer template and the tenants it accepts.
	 * @return the template
	 */
	public IssuerTemplate getTemplate() {
		return this.template;
	}

	/**
	 * Returns the claim that must equal the tenant.
	 * @return the claim path, or {@code null} when none is checked
	 */
	public @Nullable String getTenantClaim() {
		return this.tenantClaim;
	}

	/**
	 * Returns the most tenants kept.
	 * @return the bound
	 */
	public int getMaxTenants() {
		return this.maxTenants;
	}

	/**
	 * Returns the key set every tenant shares.
	 * @return the shared keys, or {@code null} when each tenant has its own
	 */
	public @Nullable ProviderKeys getSharedKeys() {
		return this.sharedKeys;
	}

	/**
	 * Returns the tenants kept now and what is known of their keys, without any network
	 * call.
	 * @return the key status by tenant
	 */
	public Map<String, KeySetStatus> keyStatuses() {
		Map<String, KeySetStatus> statuses = new LinkedHashMap<>();
		this.tenants.asMap().forEach((tenant, provider) -> statuses.put(tenant, provider.getKeys().status()));
		return statuses;
	}

	private void removed(@Nullable String tenant, @Nullable JwtProvider provider, RemovalCause cause) {
		if (provider == null || this.sharedKeys != null) {
			return;
		}
		try {
			provider.getKeys().close();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing the keys of tenant '" + tenant + "' of JWT provider '" + this.providerId + "' failed",
					ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.tenants.invalidateAll();
		this.tenants.cleanUp();
		if (this.sharedKeys != null) {
			this.sharedKeys.close();
		}
	}

	@Override
	public String toString() {
		return "JwtProviderTenants[" + this.providerId + ", " + this.template + ", " + this.tenants.estimatedSize()
				+ " of at most " + this.maxTenants + " kept]";
	}

}
