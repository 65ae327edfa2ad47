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
 * An RBAC policy: its action ({@link RbacAction#ALLOW allow} or {@link RbacAction#DENY
 * deny}), the requests it covers (its permissions: path patterns and methods, minus the
 * excluded paths and methods) and the principals it applies to. Path patterns are parsed
 * once, here.
 * <p>
 * A policy without principals applies to nobody when it allows and to every caller when
 * it denies: an empty list never grants and always refuses.
 */
public final class RbacPolicy {

	private final String name;

	private final RbacAction action;

	private final RequestPattern pattern;

	private final @Nullable RequestPattern excludedPaths;

	private final @Nullable RequestPattern excludedMethods;

	private final List<RbacPrincipal> principals;

	/**
	 * Creates an allow policy without exclusions.
	 * @param name the policy's name, for logs
	 * @param paths path patterns (PathPattern syntax); empty means any path
	 * @param methods HTTP methods; empty means any
	 * @param principals the principals allowed; one must match
	 */
	public RbacPolicy(String name, List<String> paths, Set<String> methods, List<RbacPrincipal> principals) {
		this(name, RbacAction.ALLOW, paths, methods, List.of(), Set.of(), principals);
	}

	/**
	 * Creates a policy.
	 * @param name the policy's name, for logs
	 * @param action whether the policy allows or denies what it covers
	 * @param paths path patterns (PathPattern syntax); empty means any path
	 * @param methods HTTP methods; empty means any
	 * @param notPaths path patterns excluded from {@code paths}; empty excludes none
	 * @param notMethods HTTP methods excluded from {@code methods}; empty excludes none
	 * @param principals the principals the policy applies to; one must match
	 */
	public RbacPolicy(String name, RbacAction action, List<String> paths, Set<String> methods, List<String> notPaths,
			Set<String> notMethods, List<RbacPrincipal> principals) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(action, "action cannot be null");
		Assert.notNull(paths, "paths cannot be null");
		Assert.notNull(methods, "methods cannot be null");
		Assert.notNull(notPaths, "notPaths cannot be null");
		Assert.notNull(notMethods, "notMethods cannot be null");
		Assert.notNull(principals, "principals cannot be null");
		Assert.noNullElements(principals, "principals cannot contain null elements");
		this.name = name;
		this.action = action;
		this.pattern = new RequestPattern(paths, methods);
		this.excludedPaths = notPaths.isEmpty() ? null : new RequestPattern(notPaths, Set.of());
		this.excludedMethods = notMethods.isEmpty() ? null : new RequestPattern(List.of(), notMethods);
		this.principals = List.copyOf(principals);
	}

	/**
	 * Returns whether the request is covered by this policy's permissions: its paths and
	 * methods match, and neither an excluded path nor an excluded method does.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @return whether the method and path match
	 */
	public boolean covers(String method, PathContainer path) {
		return this.pattern.covers(method, path)
				&& (this.excludedPaths == null || !this.excludedPaths.covers(method, path))
				&& (this.excludedMethods == null || !this.excludedMethods.covers(method, path));
	}

	/**
	 * Returns whether this policy applies to the caller: one of its principals matches,
	 * or, for a deny policy without principals, whoever calls.
	 * @param authentication the current authentication, if any
	 * @return whether the caller is one of the policy's principals
	 */
	public boolean appliesTo(@Nullable Authentication authentication) {
		if (this.principals.isEmpty()) {
			return this.action == RbacAction.DENY;
		}
		for (RbacPrincipal principal : this.principals) {
			if (principal.matches(authentication)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether this is an allow policy and one of its principals matches the
	 * authentication.
	 * @param authentication the current authentication, if any
	 * @return whether the policy allows the caller
	 */
	public boolean allows(@Nullable Authentication authentication) {
		return this.action == RbacAction.ALLOW && appliesTo(authentication);
	}

	public String getName() {
		return this.name;
	}

	public RbacAction getAction() {
		return this.action;
	}

	public List<RbacPrincipal> getPrincipals() {
		return this.principals;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other
				|| (other instanceof RbacPolicy that && this.name.equals(that.name) && this.action == that.action
						&& this.pattern.equals(that.pattern) && Objects.equals(this.excludedPaths, that.excludedPaths)
						&& Objects.equals(this.excludedMethods, that.excludedMethods)
						&& this.principals.equals(that.principals));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.action, this.pattern, this.excludedPaths, this.excludedMethods,
				this.principals);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("RbacPolicy[name=").append(this.name);
		if (this.action == RbacAction.DENY) {
			text.append(", action=deny");
		}
		text.append(", ").append(this.pattern);
		if (this.excludedPaths != null) {
			text.append(", not-").append(this.excludedPaths.toString().replace(", methods=[]", ""));
		}
		if (this.excludedMethods != null) {
			text.append(", not-").append(this.excludedMethods.toString().replace("paths=[], ", ""));
		}
		return text.append(", principals=").append(this.principals).append("]").toString();
	}

}
