/**
 * The canary guide on WebFlux (profile {@code canary}): requests whose {@code org} claim
 * is {@code solo.io} are served by the canary build, every other request by the primary.
 */
@NullMarked
package io.github.jwtstarter.sample.reactive.canary;

import org.jspecify.annotations.NullMarked;
