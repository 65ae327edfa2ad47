package io.github.jwtstarter.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;

/**
 * The configured routes, first match wins; a request no route matches gets the
 * defaults.
 *
 * @author jwt-spring-boot-starter
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
	 * Returns the rule of the request.
	 * @param request the request
	 * @return the first matching route, else the defaults
	 */
	public JwtRoute match(HttpServletRequest request) {
		if (this.routes.isEmpty()) {
			return this.defaults;
		}
		PathContainer path = PathContainer.parsePath(pathWithinApplication(request));
		for (JwtRoute route : this.routes) {
			if (route.matches(request, path)) {
				return route;
			}
		}
		return this.defaults;
	}

	/**
	 * Returns the request's path within the application (the request URI without the
	 * context path), as routes and RBAC policies match it.
	 * @param request the request
	 * @return the path, {@code /} at least
	 */
	public static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
			uri = uri.substring(contextPath.length());
		}
		return uri.isEmpty() ? "/" : uri;
	}

}
