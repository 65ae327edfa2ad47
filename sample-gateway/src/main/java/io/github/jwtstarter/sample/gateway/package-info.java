/**
 * The sample gateway: Spring Cloud Gateway Server Web MVC with jwt-spring-boot-starter at
 * the edge.
 */
@NullMarked
package io.github.jwtstarter.sample.gateway;

import org.jspecify.annotations.NullMarked;
