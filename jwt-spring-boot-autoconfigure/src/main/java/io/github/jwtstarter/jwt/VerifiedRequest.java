package io.github.jwtstarter.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A token verified for one request, with what is still to be done before the request may
 * be trusted: the {@link DPoPReplayCheck} of its proof, when its provider shares its
 * replay store with other replicas.
 *
 * @param verified the verified token, its provider and Authentication
 * @param replayCheck the replay check still to run, {@code null} when there is none
 */
public record VerifiedRequest(VerifiedJwt verified, @Nullable DPoPReplayCheck replayCheck) {

	public VerifiedRequest {
		Assert.notNull(verified, "verified cannot be null");
	}

}
