/**
 * Authorization on claims, stack-neutral: RBAC policies, principals and claim matchers
 * ({@code jwt.rbac}), the {@code @jwt} SpEL bean and the {@code @RequireClaim} /
 * {@code @RequireProvider} annotations.
 */
@NullMarked
package io.github.jwtstarter.authorization;

import org.jspecify.annotations.NullMarked;
