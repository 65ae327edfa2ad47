package io.github.jwtstarter.shaping;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the requests of one provider are shaped.
 *
 * @param claimHeaders the claims copied into headers, in order
 * @param keepToken whether the token stays visible to the application
 * @param payloadHeader the header that carries the verified payload, or {@code null}
 * @param tenantHeader the header that carries the tenant of a multi-tenant provider, or
 * {@code null}
 */
public record ProviderShaping(List<ClaimHeader> claimHeaders, boolean keepToken, @Nullable String payloadHeader,
		@Nullable String tenantHeader) {

	public ProviderShaping {
		Assert.notNull(claimHeaders, "claimHeaders cannot be null");
		claimHeaders = List.copyOf(claimHeaders);
		Assert.isTrue(payloadHeader == null || !payloadHeader.isBlank(), "payloadHeader cannot be blank");
		Assert.isTrue(tenantHeader == null || !tenantHeader.isBlank(), "tenantHeader cannot be blank");
	}

	/**
	 * How the requests of a provider that forwards neither its payload nor a tenant are
	 * shaped.
	 * @param claimHeaders the claims copied into headers, in order
	 * @param keepToken whether the token stays visible to the application
	 */
	public ProviderShaping(List<ClaimHeader> claimHeaders, boolean keepToken) {
		this(claimHeaders, keepToken, null, null);
	}

}
