/**
 * The scenario matrix: behaviours written once
 * ({@link io.github.jwtstarter.matrix.MatrixScenarios} subclasses in
 * {@code matrix.scenarios}) and run on every runner of the test class path (Spring MVC on
 * Tomcat, WebFlux on Netty here; the gateway flavours in the sample gateway modules),
 * with the cells that do not apply named in {@code matrix.json}.
 */
@NullMarked
package io.github.jwtstarter.matrix;

import org.jspecify.annotations.NullMarked;
