/**
 * Demo mode: a local identity provider with keys generated at startup, for trying the
 * sample without a real one.
 */
@NullMarked
package io.github.jwtstarter.sample.demo;

import org.jspecify.annotations.NullMarked;
