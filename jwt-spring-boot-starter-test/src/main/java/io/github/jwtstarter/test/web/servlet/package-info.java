/**
 * MockMvc and RestTestClient helpers that send a test token where its provider reads it.
 */
@NullMarked
package io.github.jwtstarter.test.web.servlet;

import org.jspecify.annotations.NullMarked;
