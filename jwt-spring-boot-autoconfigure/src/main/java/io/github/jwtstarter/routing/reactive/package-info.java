/**
 * Claim-based routing for reactive applications: WebFlux.fn request predicates and Spring
 * Security exchange matchers on the verified JWT.
 */
@NullMarked
package io.github.jwtstarter.routing.reactive;

import org.jspecify.annotations.NullMarked;
