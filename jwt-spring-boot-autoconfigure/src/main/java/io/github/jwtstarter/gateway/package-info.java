/**
 * Spring Cloud Gateway integration shared by both gateway flavours: the names and
 * arguments of the JWT route predicates and filters, parsed and checked without any web
 * stack type.
 */
@NullMarked
package io.github.jwtstarter.gateway;

import org.jspecify.annotations.NullMarked;
