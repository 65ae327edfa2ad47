/**
 * The reactive sample: the pets API of {@code sample-app} on WebFlux, configured by the
 * same {@code application.yml}.
 */
@NullMarked
package io.github.jwtstarter.sample.reactive;

import org.jspecify.annotations.NullMarked;
