package io.github.jwtstarter.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;

/**
 * A per-path rule: the requests it covers (path patterns, optional methods) and how they
 * are treated (validation policy, accepted providers, or no JWT processing at all).
 */
public final class JwtRoute {

	private final RequestPattern pattern;

	private final ValidationPolicy validationPolicy;

	private final Set<String> providers;

	private final boolean disabled;

	private final List<String> allOf;

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
		this(paths, methods, validationPolicy, providers, disabled, List.of());
	}

	/**
	 * Creates a route, possibly with a requirement set.
	 * @param paths path patterns; empty means any path
	 * @param methods HTTP methods; empty means any
	 * @param validationPolicy the policy on this route
	 * @param providers accepted provider ids; empty means all
	 * @param disabled whether JWT processing and RBAC are skipped
	 * @param allOf providers each of which must verify a token of the request, each read
	 * from its own token source, in order (the first is the principal); empty for one
	 * token of any accepted provider
	 */
	public JwtRoute(List<String> paths, Set<String> methods, ValidationPolicy validationPolicy, Set<String> providers,
			boolean disabled, List<String> allOf) {
		Assert.notNull(validationPolicy, "validationPolicy cannot be null");
		Assert.notNull(providers, "providers cannot be null");
		Assert.notNull(allOf, "allOf cannot be null");
		this.pattern = new RequestPattern(paths, methods);
		this.validationPolicy = validationPolicy;
		this.providers = Set.copyOf(providers);
		this.disabled = disabled;
		this.allOf = List.copyOf(allOf);
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

	/**
	 * Returns the providers each of which must verify a token of a request on this route.
	 * @return the provider ids, in order (the first is the principal), empty when one
	 * token of any accepted provider is enough
	 */
	public List<String> getAllOf() {
		return this.allOf;
	}

	@Override
	public String toString() {
		return "JwtRoute[" + this.pattern + ", policy=" + this.validationPolicy + ", providers=" + this.providers
				+ ((this.allOf.isEmpty()) ? "" : ", allOf=" + this.allOf) + ", disabled=" + this.disabled + "]";
	}

}
