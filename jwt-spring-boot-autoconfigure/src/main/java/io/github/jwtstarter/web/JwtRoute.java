package io.github.jwtstarter.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A per-path rule: the requests it covers (path patterns, optional methods) and how
 * they are treated (validation policy, accepted providers, or no JWT processing at all).
 *
 * @author jwt-spring-boot-starter
 */
public final class JwtRoute {

	private final List<PathPattern> paths;

	private final Set<String> methods;

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
		Assert.notNull(paths, "paths cannot be null");
		Assert.notNull(methods, "methods cannot be null");
		Assert.notNull(validationPolicy, "validationPolicy cannot be null");
		Assert.notNull(providers, "providers cannot be null");
		this.paths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.methods = methods.stream().map((method) -> method.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
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

	boolean matches(HttpServletRequest request, PathContainer path) {
		if (!this.methods.isEmpty() && !this.methods.contains(request.getMethod())) {
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
		return "JwtRoute[paths=" + this.paths + ", methods=" + this.methods + ", policy=" + this.validationPolicy
				+ ", providers=" + this.providers + ", disabled=" + this.disabled + "]";
	}

}
