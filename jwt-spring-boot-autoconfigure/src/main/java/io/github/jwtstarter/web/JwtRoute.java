package io.github.jwtstarter.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;

/**
 * A per-path rule: the requests it covers (path patterns, optional methods) and how
 * they are treated (validation policy, accepted providers, or no JWT processing at all).
 */
public final class JwtRoute {

	private final RequestPattern pattern;

	private final ValidationPolicy validationPolicy;

	private final Set<String> providers;

	private final boolean disabled;

	/**
	 * Creates a route.
	 * @param paths path patterns; empty means any path
	 * @param methods HTTP methods; empty means any
	 * @param validationPolicy the policy on this route
	 * @param providers accepted provider ids; empty means all
	 * @param disabled whether JWT processing and RBAC are skipped
	 */
	public JwtRoute(List<String> paths, Set<String> methods, ValidationPolicy validationPolicy, Set<String> providers,
			boolean disabled) {
		Assert.notNull(validationPolicy, "validationPolicy cannot be null");
		Assert.notNull(providers, "providers cannot be null");
		this.pattern = new RequestPattern(paths, methods);
		this.validationPolicy = validationPolicy;
		this.providers = Set.copyOf(providers);
		this.disabled = disabled;
	}

	/**
	 * The rule of requests no route matches.
	 * @param validationPolicy the default policy
	 * @return the default route
	 */
	public static JwtRoute defaults(ValidationPolicy validationPolicy) {
		return new JwtRoute(List.of(), Set.of(), validationPolicy, Set.of(), false);
	}

	boolean matches(String method, PathContainer path) {
		return this.pattern.covers(method, path);
	}

	/**
	 * Returns whether the provider is accepted on this route.
	 * @param providerId the provider id
	 * @return whether tokens of the provider are accepted
	 */
	public boolean allows(String providerId) {
		return this.providers.isEmpty() || this.providers.contains(providerId);
	}

	public ValidationPolicy getValidationPolicy() {
		return this.validationPolicy;
	}

	public boolean isDisabled() {
		return this.disabled;
	}

	@Override
	public String toString() {
		return "JwtRoute[" + this.pattern + ", policy=" + this.validationPolicy
				+ ", providers=" + this.providers + ", disabled=" + this.disabled + "]";
	}

}
