/**
 * Claim-based routing for servlet applications: WebMvc.fn request predicates and Spring
 * Security request matchers on the verified JWT.
 */
@NullMarked
package io.github.jwtstarter.routing.servlet;

import org.jspecify.annotations.NullMarked;
