/**
 * Method-security tests as the holder of a real, verified test token:
 * {@code @WithJwtToken}.
 */
@NullMarked
package io.github.jwtstarter.test.context;

import org.jspecify.annotations.NullMarked;
