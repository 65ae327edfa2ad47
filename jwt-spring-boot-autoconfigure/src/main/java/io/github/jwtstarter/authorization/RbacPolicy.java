package io.github.jwtstarter.authorization;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An RBAC policy: the requests it covers (its permissions: path patterns and methods)
 * and the principals it allows on them. Path patterns are parsed once, here.
 *
 * @author jwt-spring-boot-starter
 */
public final class RbacPolicy {

	private final String name;

	private final List<PathPattern> paths;

	private final Set<String> methods;

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
		this.paths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
		Set<String> upper = new LinkedHashSet<>();
		methods.forEach((method) -> upper.add(method.toUpperCase(Locale.ROOT)));
		this.methods = Set.copyOf(upper);
		this.principals = List.copyOf(principals);
	}

	/**
	 * Returns whether the request is covered by this policy's permissions.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @return whether the method and path match
	 */
	public boolean covers(String method, PathContainer path) {
		if (!this.methods.isEmpty() && !this.methods.contains(method)) {
			return false;
		}
		if (this.paths.isEmpty()) {
			return true;
		}
		for (PathPattern pattern : this.paths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
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
				&& patterns(this.paths).equals(patterns(that.paths)) && this.methods.equals(that.methods)
				&& this.principals.equals(that.principals));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, patterns(this.paths), this.methods, this.principals);
	}

	@Override
	public String toString() {
		return "RbacPolicy[name=" + this.name + ", paths=" + patterns(this.paths) + ", methods=" + this.methods
				+ ", principals=" + this.principals + "]";
	}

	private static List<String> patterns(List<PathPattern> paths) {
		return paths.stream().map(PathPattern::getPatternString).toList();
	}

}
