/**
 * Auto-configuration of test keys and tokens for applications using
 * jwt-spring-boot-starter: {@code @AutoConfigureJwtTestTokens}.
 */
@NullMarked
package io.github.jwtstarter.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
