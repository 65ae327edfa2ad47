/**
 * Request shaping for servlet applications: the request wrapper that applies
 * {@link io.github.jwtstarter.shaping.RequestEdits}.
 */
@NullMarked
package io.github.jwtstarter.shaping.servlet;

import org.jspecify.annotations.NullMarked;
