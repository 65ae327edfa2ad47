package io.github.jwtstarter.shaping;

import java.util.List;

import org.springframework.util.Assert;

/**
 * How the requests of one provider are shaped.
 *
 * @param claimHeaders the claims copied into headers, in order
 * @param keepToken whether the token stays visible to the application
 */
public record ProviderShaping(List<ClaimHeader> claimHeaders, boolean keepToken) {

	public ProviderShaping {
		Assert.notNull(claimHeaders, "claimHeaders cannot be null");
		claimHeaders = List.copyOf(claimHeaders);
	}

}
