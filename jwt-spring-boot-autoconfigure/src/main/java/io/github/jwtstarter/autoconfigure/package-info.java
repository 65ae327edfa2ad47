/**
 * autoconfigure support for the JWT starter.
 */
@NullMarked
package io.github.jwtstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
