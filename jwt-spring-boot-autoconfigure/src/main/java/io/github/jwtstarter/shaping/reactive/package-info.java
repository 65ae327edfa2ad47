/**
 * Request shaping for reactive applications: the exchange customizer that applies
 * {@link io.github.jwtstarter.shaping.RequestShaping} through
 * {@code ServerWebExchange.mutate()}.
 */
@NullMarked
package io.github.jwtstarter.shaping.reactive;

import org.jspecify.annotations.NullMarked;
