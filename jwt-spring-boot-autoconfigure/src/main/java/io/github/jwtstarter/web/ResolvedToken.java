package io.github.jwtstarter.web;

import java.util.Set;

/**
 * A token found in a request, with every location it was found in.
 *
 * @param token the compact token
 * @param locations where it was found
 */
public record ResolvedToken(String token, Set<TokenLocation> locations) {

}
