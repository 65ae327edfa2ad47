package io.github.jwtstarter.autoconfigure;

import org.springframework.util.Assert;

/**
 * A namespace under {@code jwt.} that another module binds with a
 * {@code @ConfigurationProperties} class of its own, as jwt-spring-boot-starter-test
 * binds {@code jwt.test}. Declared as a bean, it lets the starter's check of unknown
 * {@code jwt.} keys accept that class's properties there (and still name the closest one
 * for a misspelling).
 *
 * @param name the namespace: one name under {@code jwt.}, e.g. {@code test}
 * @param properties the {@code @ConfigurationProperties} class bound there
 */
public record JwtPropertyNamespace(String name, Class<?> properties) {

	public JwtPropertyNamespace {
		Assert.hasText(name, "name cannot be empty");
		Assert.isTrue(name.indexOf('.') < 0, "name must be one name under jwt., without dots");
		Assert.notNull(properties, "properties cannot be null");
	}

}
