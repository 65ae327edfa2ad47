/**
 * web support for the JWT starter.
 */
@NullMarked
package io.github.jwtstarter.web;

import org.jspecify.annotations.NullMarked;
