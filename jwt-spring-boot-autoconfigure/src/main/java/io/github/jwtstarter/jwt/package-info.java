/**
 * jwt support for the JWT starter.
 */
@NullMarked
package io.github.jwtstarter.jwt;

import org.jspecify.annotations.NullMarked;
