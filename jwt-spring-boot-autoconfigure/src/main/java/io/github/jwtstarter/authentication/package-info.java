/**
 * The Authentication of a verified JWT: the provider-aware token, its converter and the
 * claim-to-authority mapping ({@code authorities}).
 */
@NullMarked
package io.github.jwtstarter.authentication;

import org.jspecify.annotations.NullMarked;
