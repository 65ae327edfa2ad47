package io.github.jwtstarter.shaping;

import org.springframework.util.Assert;

/**
 * A claim copied into a request header ({@code claims-to-headers}, the gateways'
 * {@code JwtClaimsToHeaders}).
 *
 * @param claim the claim path
 * @param header the header name
 * @param append whether client-sent values of the header are kept, before the claim's
 */
public record ClaimHeader(String claim, String header, boolean append) {

	public ClaimHeader {
		Assert.hasText(claim, "claim cannot be empty");
		Assert.hasText(header, "header cannot be empty");
	}

	/**
	 * A claim copied into a header that holds only values taken from verified tokens.
	 * @param claim the claim path
	 * @param header the header name
	 * @return the mapping
	 */
	public static ClaimHeader of(String claim, String header) {
		return new ClaimHeader(claim, header, false);
	}

}
