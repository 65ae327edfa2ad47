/**
 * Request shaping, stack-neutral: which headers, query parameters and cookies a request
 * gets or loses after verification ({@code claims-to-headers},
 * {@code forward-payload-header}, {@code tenant-header}, {@code keep-token}).
 */
@NullMarked
package io.github.jwtstarter.shaping;

import org.jspecify.annotations.NullMarked;
