package io.github.jwtstarter.web;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;

/**
 * The configured routes, first match wins; a request no route matches gets the defaults.
 */
public final class JwtRoutes {

	private final List<JwtRoute> routes;

	private final JwtRoute defaults;

	public JwtRoutes(List<JwtRoute> routes, JwtRoute defaults) {
		Assert.notNull(routes, "routes cannot be null");
		Assert.notNull(defaults, "defaults cannot be null");
		this.routes = List.copyOf(routes);
		this.defaults = defaults;
	}

	/**
	 * Returns the rule of a request.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @return the first matching route, else the defaults
	 */
	public JwtRoute match(String method, PathContainer path) {
		for (JwtRoute route : this.routes) {
			if (route.matches(method, path)) {
				return route;
			}
		}
		return this.defaults;
	}

	/**
	 * Returns whether a request's rule depends on its path and method.
	 * @return whether routes are configured
	 */
	public boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * Returns the defaults: the rule of requests no route matches.
	 * @return the default route
	 */
	public JwtRoute getDefaults() {
		return this.defaults;
	}

}
