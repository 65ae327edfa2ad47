package io.github.jwtstarter.jwt;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * The result of one fetch of a provider's remote JWK Set.
 *
 * @param providerId the provider whose keys were fetched
 * @param success whether a usable response was received
 * @param keys the usable keys after the quality gate, {@code null} on failure
 * @param rejectedKeys how many keys the quality gate skipped
 * @param time when the fetch ended
 */
public record JwksFetchEvent(String providerId, boolean success, @Nullable JWKSet keys, int rejectedKeys,
		Instant time) {

}
