/**
 * WebTestClient helpers that send a test token where its provider reads it.
 */
@NullMarked
package io.github.jwtstarter.test.web.reactive;

import org.jspecify.annotations.NullMarked;
