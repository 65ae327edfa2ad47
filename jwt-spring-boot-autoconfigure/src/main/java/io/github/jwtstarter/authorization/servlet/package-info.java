/**
 * RBAC for servlet applications: the request {@code AuthorizationManager} over
 * {@link io.github.jwtstarter.authorization.RbacRules}.
 */
@NullMarked
package io.github.jwtstarter.authorization.servlet;

import org.jspecify.annotations.NullMarked;
