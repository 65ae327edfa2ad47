/**
 * Claim-based routing, stack-neutral: {@link io.github.jwtstarter.routing.JwtCondition},
 * the test of a request's verified JWT that the predicates and matchers of every web
 * stack and the gateway integrations share.
 */
@NullMarked
package io.github.jwtstarter.routing;

import org.jspecify.annotations.NullMarked;
