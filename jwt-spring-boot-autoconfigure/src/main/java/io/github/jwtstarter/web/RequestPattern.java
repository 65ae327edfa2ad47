package io.github.jwtstarter.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests a route or an RBAC policy covers: path patterns (PathPattern syntax,
 * parsed once) and HTTP methods (compared exactly, upper case). Empty means any.
 * {@code GET} covers {@code HEAD} too, since Spring MVC and WebFlux answer {@code HEAD}
 * with {@code GET} handlers: a {@code HEAD} never reaches a handler that a
 * {@code GET}-only policy protects without satisfying it.
 */
public final class RequestPattern {

	private final List<PathPattern> paths;

	private final Set<String> methods;

	/**
	 * Creates a scope.
	 * @param paths path patterns; empty means any path
	 * @param methods HTTP methods; empty means any
	 */
	public RequestPattern(List<String> paths, Set<String> methods) {
		Assert.notNull(paths, "paths cannot be null");
		Assert.notNull(methods, "methods cannot be null");
		this.paths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.methods = methods.stream()
			.map((method) -> method.toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Returns whether a request is covered.
	 * @param method the request's HTTP method
	 * @param path the request's path within the application
	 * @return whether the method and the path match
	 */
	public boolean covers(String method, PathContainer path) {
		if (!this.methods.isEmpty() && !this.methods.contains(method)
				&& !("HEAD".equals(method) && this.methods.contains("GET"))) {
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

	private List<String> patterns() {
		return this.paths.stream().map(PathPattern::getPatternString).toList();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RequestPattern that && patterns().equals(that.patterns())
				&& this.methods.equals(that.methods));
	}

	@Override
	public int hashCode() {
		return patterns().hashCode() * 31 + this.methods.hashCode();
	}

	@Override
	public String toString() {
		return "paths=" + patterns() + ", methods=" + this.methods;
	}

}
