/**
 * Spring Cloud Gateway Server WebFlux: the JWT route predicate factories
 * ({@code JwtClaim}, {@code JwtClaimRegex}, {@code JwtProvider}, {@code JwtAuthority},
 * {@code JwtAuthenticated}) and the {@code JwtClaimsToHeaders} filter factory, with the
 * same names and arguments as on Server Web MVC, and the same predicates for the
 * gateway's Java DSL.
 */
@NullMarked
package io.github.jwtstarter.gateway.webflux;

import org.jspecify.annotations.NullMarked;
