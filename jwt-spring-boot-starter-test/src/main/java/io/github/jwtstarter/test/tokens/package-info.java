/**
 * Test keys and real signed test tokens for the configured JWT providers.
 */
@NullMarked
package io.github.jwtstarter.test.tokens;

import org.jspecify.annotations.NullMarked;
