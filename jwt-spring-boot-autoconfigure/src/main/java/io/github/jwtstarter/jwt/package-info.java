/**
 * The stack-neutral core: providers, their keys (local, remote, discovered), token
 * parsing and verification, the verified-token cache, claim paths and claim text forms.
 */
@NullMarked
package io.github.jwtstarter.jwt;

import org.jspecify.annotations.NullMarked;
