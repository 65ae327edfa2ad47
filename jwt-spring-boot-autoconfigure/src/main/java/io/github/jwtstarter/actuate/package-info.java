/**
 * Actuator health and Micrometer metrics of the JWT starter, used only when those
 * libraries are present.
 */
@NullMarked
package io.github.jwtstarter.actuate;

import org.jspecify.annotations.NullMarked;
