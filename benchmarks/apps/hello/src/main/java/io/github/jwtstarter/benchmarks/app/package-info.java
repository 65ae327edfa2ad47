/**
 * The application of the HTTP benchmark: one endpoint, the same in every build.
 */
@NullMarked
package io.github.jwtstarter.benchmarks.app;

import org.jspecify.annotations.NullMarked;
