/**
 * Authorization for reactive applications: the exchange
 * {@code ReactiveAuthorizationManager} over
 * {@link io.github.jwtstarter.authorization.RbacRules}, and the {@code @jwt} SpEL bean
 * under reactive method security.
 */
@NullMarked
package io.github.jwtstarter.authorization.reactive;

import org.jspecify.annotations.NullMarked;
