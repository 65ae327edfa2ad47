/**
 * Auto-configuration of the JWT starter: {@code jwt.*} properties, their startup checks,
 * and the auto-configurations that assemble the core, the web layers and the
 * integrations.
 */
@NullMarked
package io.github.jwtstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
