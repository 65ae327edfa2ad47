/**
 * authorization support for the JWT starter.
 */
@NullMarked
package io.github.jwtstarter.authorization;

import org.jspecify.annotations.NullMarked;
