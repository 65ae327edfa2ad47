/**
 * JMH benchmarks of the starter's verification path against raw Nimbus and stock Spring
 * Security, and the token generator of the HTTP benchmark.
 */
@NullMarked
package io.github.jwtstarter.benchmarks;

import org.jspecify.annotations.NullMarked;
