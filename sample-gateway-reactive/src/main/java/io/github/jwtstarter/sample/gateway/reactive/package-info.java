/**
 * The sample gateway on Spring Cloud Gateway Server WebFlux.
 */
@NullMarked
package io.github.jwtstarter.sample.gateway.reactive;

import org.jspecify.annotations.NullMarked;
