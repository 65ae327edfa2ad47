/**
 * A real Spring Authorization Server for the sample's end-to-end tests, started as its
 * own Spring Boot application in the test JVM. Kept out of
 * {@code io.github.jwtstarter.sample} so neither application scans the other.
 */
@NullMarked
package io.github.jwtstarter.authserver;

import org.jspecify.annotations.NullMarked;
