package io.github.jwtstarter.jwt;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The result of one fetch of a provider's remote JWK Set.
 *
 * @param providerId the provider whose keys were fetched
 * @param success whether a usable response was received
 * @param keys the usable keys after the quality gate, {@code null} on failure
 * @param rejectedKeys how many keys the quality gate skipped
 * @param time when the fetch ended
 * @param tenant the tenant whose own keys were fetched, for a multi-tenant provider with
 * keys per tenant; {@code null} otherwise
 */
public record JwksFetchEvent(String providerId, boolean success, @Nullable JWKSet keys, int rejectedKeys, Instant time,
		@Nullable String tenant) {

	/**
	 * The result of one fetch of a provider's own keys (not a tenant's).
	 * @param providerId the provider whose keys were fetched
	 * @param success whether a usable response was received
	 * @param keys the usable keys after the quality gate, {@code null} on failure
	 * @param rejectedKeys how many keys the quality gate skipped
	 * @param time when the fetch ended
	 */
	public JwksFetchEvent(String providerId, boolean success, @Nullable JWKSet keys, int rejectedKeys, Instant time) {
		this(providerId, success, keys, rejectedKeys, time, null);
	}

	/**
	 * Returns this result as the fetch of one tenant's keys.
	 * @param tenant the tenant
	 * @return the event
	 */
	public JwksFetchEvent withTenant(String tenant) {
		Assert.hasText(tenant, "tenant cannot be empty");
		return new JwksFetchEvent(this.providerId, this.success, this.keys, this.rejectedKeys, this.time, tenant);
	}

}
