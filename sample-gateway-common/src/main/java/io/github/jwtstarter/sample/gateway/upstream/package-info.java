/**
 * The services behind the sample gateway: loopback HTTP servers with no security of their
 * own that answer with what they received.
 */
@NullMarked
package io.github.jwtstarter.sample.gateway.upstream;

import org.jspecify.annotations.NullMarked;
