/**
 * A small pets API secured by jwt-spring-boot-starter.
 */
@NullMarked
package io.github.jwtstarter.sample;

import org.jspecify.annotations.NullMarked;
