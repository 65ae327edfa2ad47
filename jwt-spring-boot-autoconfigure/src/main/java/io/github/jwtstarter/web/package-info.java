/**
 * The request rules shared by every web stack: token locations and their resolution,
 * {@code jwt.routes} (per-path validation policies and provider subsets) and validation
 * policies.
 */
@NullMarked
package io.github.jwtstarter.web;

import org.jspecify.annotations.NullMarked;
