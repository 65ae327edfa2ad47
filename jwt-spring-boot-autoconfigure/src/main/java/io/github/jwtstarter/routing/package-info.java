/**
 * Claim-based routing and request shaping: claims copied into request headers, tokens
 * hidden from the application, and route predicates and request matchers on the
 * verified token.
 */
@NullMarked
package io.github.jwtstarter.routing;

import org.jspecify.annotations.NullMarked;
