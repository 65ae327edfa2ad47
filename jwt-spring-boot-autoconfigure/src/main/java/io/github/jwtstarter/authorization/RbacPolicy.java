package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.jwtstarter.web.RequestPattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * An RBAC policy: the requests it covers (its permissions: path patterns and methods)
 * and the principals it allows on them. Path patterns are parsed once, here.
 */
public final class RbacPolicy {

	private final String name;

	private final RequestPattern pattern;

	private final List<RbacPrincipal> principals;

	/**
	 * Creates a policy.
	 * @param name the policy's name, for logs
	 * @param paths path patterns (PathPattern syntax); empty means any path
	 * @param methods HTTP methods; empty means any
	 * @param principals the principals allowed; one must match
	 */
	public RbacPolicy(String name, List<String> paths, Set<String> methods, List<RbacPrincipal> principals) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(paths, "paths cannot be null");
		Assert.notNull(methods, "methods cannot be null");
		Assert.notNull(principals, "principals cannot be null");
		Assert.noNullElements(principals, "principals cannot contain null elements");
		this.name = name;
		this.pattern = new RequestPattern(paths, methods);
		this.principals = List.copyOf(principals);
	}

	/**
	 * Returns whether the request is covered by this policy's permissions.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @return whether the method and path match
	 */
	public boolean covers(String method, PathContainer path) {
		return this.pattern.covers(method, path);
	}

	/**
	 * Returns whether one of this policy's principals matches the authentication.
	 * @param authentication the current authentication, if any
	 * @return whether a principal matches
	 */
	public boolean allows(@Nullable Authentication authentication) {
		for (RbacPrincipal principal : this.principals) {
			if (principal.matches(authentication)) {
				return true;
			}
		}
		return false;
	}

	public String getName() {
		return this.name;
	}

	public List<RbacPrincipal> getPrincipals() {
		return this.principals;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RbacPolicy that && this.name.equals(that.name)
				&& this.pattern.equals(that.pattern)
				&& this.principals.equals(that.principals));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.pattern, this.principals);
	}

	@Override
	public String toString() {
		return "RbacPolicy[name=" + this.name + ", " + this.pattern + ", principals=" + this.principals + "]";
	}

}
