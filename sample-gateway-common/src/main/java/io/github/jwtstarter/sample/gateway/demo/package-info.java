/**
 * Demo mode of the sample gateway: a local identity provider with keys generated at
 * startup and the upstream services on loopback, for trying the gateway without any
 * infrastructure.
 */
@NullMarked
package io.github.jwtstarter.sample.gateway.demo;

import org.jspecify.annotations.NullMarked;
