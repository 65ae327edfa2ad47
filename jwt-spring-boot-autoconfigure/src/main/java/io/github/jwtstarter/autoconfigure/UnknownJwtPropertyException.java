package io.github.jwtstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;

/**
 * A property under {@code jwt.} that the starter does not know, most likely a misspelled
 * one; reported by {@link UnknownJwtPropertyFailureAnalyzer}.
 */
public class UnknownJwtPropertyException extends RuntimeException {

	private final String name;

	private final String closestKnownName;

	private final transient @Nullable Origin origin;

	UnknownJwtPropertyException(String name, String closestKnownName, @Nullable Origin origin) {
		super("Unknown property '" + name + "'; did you mean '" + closestKnownName + "'?");
		this.name = name;
		this.closestKnownName = closestKnownName;
		this.origin = origin;
	}

	/**
	 * Return the unknown property name.
	 * @return the name, e.g. {@code jwt.providers.corp.audience}
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the known property name closest to the unknown one.
	 * @return the name, e.g. {@code jwt.providers.corp.audiences}
	 */
	public String getClosestKnownName() {
		return this.closestKnownName;
	}

	/**
	 * Return where the property was set.
	 * @return the origin, or {@code null} when unknown
	 */
	public @Nullable Origin getOrigin() {
		return this.origin;
	}

}
