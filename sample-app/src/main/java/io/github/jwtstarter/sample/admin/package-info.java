/**
 * The sample's operator area: a security chain of the application's own, with HTTP Basic,
 * next to the starter's chain.
 */
@NullMarked
package io.github.jwtstarter.sample.admin;

import org.jspecify.annotations.NullMarked;
