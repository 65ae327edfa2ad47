package io.github.jwtstarter.jwt;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.Assert;

/**
 * One configured JWT provider: its id, issuer, own keys and decoder, the time checks
 * re-applied on a cache hit, how a verified token becomes an Authentication, and the
 * checks of sender-constrained tokens run on every request. Built by a
 * {@link JwtProviderFactory}.
 * <p>
 * A multi-tenant provider (an issuer with a {@code {tenant}} placeholder) has its
 * {@link #getTenants() tenants}: each tenant is a provider of its own, with the same id,
 * its tenant's issuer, its {@link #getTenant() tenant} and its own keys (or the shared
 * key set), made on first use. The configured provider itself verifies nothing: its
 * {@link #getDecoder() decoder} hands each token to its tenant's.
 */
public final class JwtProvider implements Closeable {

	private final String id;

	private final String issuer;

	private final @Nullable String tenant;

	private final @Nullable JwtProviderTenants tenants;

	private final @Nullable ProviderJwtDecoder decoder;

	private final JwtTimeValidator timeValidator;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter;

	private final ProviderKeys keys;

	private final SenderConstraints senderConstraints;

	JwtProvider(String id, String issuer, ProviderKeys keys, ProviderJwtDecoder decoder, JwtTimeValidator timeValidator,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter) {
		this(id, issuer, keys, decoder, timeValidator, authenticationConverter,
				SenderConstraints.defaults(Clock.systemUTC()));
	}

	JwtProvider(String id, String issuer, ProviderKeys keys, ProviderJwtDecoder decoder, JwtTimeValidator timeValidator,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter,
			SenderConstraints senderConstraints) {
		this(id, issuer, null, null, keys, decoder, timeValidator, authenticationConverter, senderConstraints);
	}

	/**
	 * Creates a provider, a multi-tenant provider (with tenants and no decoder of its
	 * own) or one tenant of it (with tenant and tenants).
	 */
	JwtProvider(String id, String issuer, @Nullable String tenant, @Nullable JwtProviderTenants tenants,
			ProviderKeys keys, @Nullable ProviderJwtDecoder decoder, JwtTimeValidator timeValidator,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter,
			SenderConstraints senderConstraints) {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(keys, "keys cannot be null");
		Assert.isTrue(decoder != null || (tenants != null && tenant == null),
				"decoder cannot be null, but for a multi-tenant provider");
		Assert.isTrue(tenant == null || tenants != null, "a tenant needs its tenants");
		Assert.notNull(timeValidator, "timeValidator cannot be null");
		Assert.notNull(authenticationConverter, "authenticationConverter cannot be null");
		Assert.notNull(senderConstraints, "senderConstraints cannot be null");
		this.id = id;
		this.issuer = issuer;
		this.tenant = tenant;
		this.tenants = tenants;
		this.keys = keys;
		this.decoder = decoder;
		this.timeValidator = timeValidator;
		this.authenticationConverter = authenticationConverter;
		this.senderConstraints = senderConstraints;
	}

	public String getId() {
		return this.id;
	}

	/**
	 * Returns the issuer: the exact {@code iss} of the provider's tokens, the template of
	 * a multi-tenant provider, or the issuer of one of its tenants.
	 * @return the issuer
	 */
	public String getIssuer() {
		return this.issuer;
	}

	/**
	 * Returns the tenant of this provider, one tenant of a multi-tenant provider.
	 * @return the tenant, or {@code null} for a provider that is not one tenant
	 */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/**
	 * Returns the tenants of a multi-tenant provider (for the configured provider and for
	 * each of its tenants alike).
	 * @return the tenants, or {@code null} when the issuer has no {@code {tenant}}
	 */
	public @Nullable JwtProviderTenants getTenants() {
		return this.tenants;
	}

	/**
	 * Returns the provider's decoder: it verifies a token's signature with the provider's
	 * keys and runs its validators, without the verified-token cache and without the
	 * checks of sender-constrained tokens. The decoder of a multi-tenant provider hands
	 * each token to its tenant's decoder.
	 * @return the decoder
	 */
	public JwtDecoder getDecoder() {
		return (this.decoder != null) ? this.decoder : this.tenants.decoder();
	}

	ProviderJwtDecoder decoder() {
		Assert.state(this.decoder != null, "a multi-tenant provider verifies tokens through its tenants");
		return this.decoder;
	}

	JwtTimeValidator getTimeValidator() {
		return this.timeValidator;
	}

	public Converter<Jwt, ? extends AbstractAuthenticationToken> getAuthenticationConverter() {
		return this.authenticationConverter;
	}

	/**
	 * Returns whether the provider accepts DPoP-bound tokens and the {@code DPoP} scheme.
	 * @return the mode
	 */
	public DPoPMode getDPoPMode() {
		return this.senderConstraints.getDPoPMode();
	}

	SenderConstraints getSenderConstraints() {
		return this.senderConstraints;
	}

	/**
	 * Returns the provider's keys; for a multi-tenant provider its shared key set, or
	 * none (an empty local set) when each tenant has keys of its own.
	 * @return the keys
	 */
	public ProviderKeys getKeys() {
		return this.keys;
	}

	@Override
	public void close() throws IOException {
		if (this.tenants != null && this.tenant == null) {
			this.tenants.close();
		}
		else if (this.tenants == null) {
			this.keys.close();
		}
	}

	@Override
	public String toString() {
		return "JwtProvider[" + this.id + ", issuer=" + this.issuer
				+ ((this.tenant != null) ? ", tenant=" + this.tenant : "") + "]";
	}

}
