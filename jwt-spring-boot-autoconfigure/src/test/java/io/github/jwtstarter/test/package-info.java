/**
 * Shared test fixtures: keys, token minting and a loopback JWKS server. Published as the
 * module's test-jar for the sample application's end-to-end tests.
 */
@NullMarked
package io.github.jwtstarter.test;

import org.jspecify.annotations.NullMarked;
