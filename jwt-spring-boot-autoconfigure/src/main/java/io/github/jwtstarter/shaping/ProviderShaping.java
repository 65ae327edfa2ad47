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

	/**
	 * A claim copied into a request header.
	 *
	 * @param claim the claim path
	 * @param header the header name
	 * @param append whether client-sent values of the header are kept
	 */
	public record ClaimHeader(String claim, String header, boolean append) {

		public ClaimHeader {
			Assert.hasText(claim, "claim cannot be empty");
			Assert.hasText(header, "header cannot be empty");
		}

	}

}
