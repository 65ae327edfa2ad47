package io.github.jwtstarter.jwt;

/**
 * Told of every fetch of a remote JWK Set, for health, metrics and cache invalidation.
 * Called on the fetching thread; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface JwksFetchListener {

	/**
	 * Called after each fetch attempt.
	 * @param event the outcome of the fetch
	 */
	void onFetch(JwksFetchEvent event);

}
