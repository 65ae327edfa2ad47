/**
 * The servlet web layer: the JWT authentication filter, the RFC 6750 / RFC 9457 error
 * responses, and the request customizer hook it calls.
 */
@NullMarked
package io.github.jwtstarter.web.servlet;

import org.jspecify.annotations.NullMarked;
