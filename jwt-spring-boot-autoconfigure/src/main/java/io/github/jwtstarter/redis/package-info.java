/**
 * The DPoP replay store shared by every replica of an application, on Redis through
 * Spring Data Redis ({@code replay-store: redis}); used only when Spring Data Redis is
 * present.
 */
@NullMarked
package io.github.jwtstarter.redis;

import org.jspecify.annotations.NullMarked;
