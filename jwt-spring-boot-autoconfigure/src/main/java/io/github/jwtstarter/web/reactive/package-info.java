/**
 * The reactive (WebFlux) web layer: the JWT authentication {@code WebFilter}, the RFC
 * 6750 / RFC 9457 error responses, and the exchange customizer hook it calls.
 * Verification that may block (key retrieval, signature checks) runs off the event loop.
 */
@NullMarked
package io.github.jwtstarter.web.reactive;

import org.jspecify.annotations.NullMarked;
