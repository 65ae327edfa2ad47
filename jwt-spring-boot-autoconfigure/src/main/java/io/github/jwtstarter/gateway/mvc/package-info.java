/**
 * Spring Cloud Gateway Server Web MVC: the JWT route predicates and the
 * {@code JwtClaimsToHeaders} filter, discovered by the gateway for YAML routes and usable
 * in its Java DSL.
 */
@NullMarked
package io.github.jwtstarter.gateway.mvc;

import org.jspecify.annotations.NullMarked;
