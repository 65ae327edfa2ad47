/**
 * The scenarios of the matrix, one class per behaviour area, each run on every runner.
 */
@NullMarked
package io.github.jwtstarter.matrix.scenarios;

import org.jspecify.annotations.NullMarked;
