package io.github.jwtstarter.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The ids of the configured providers, read from the environment before any bean exists
 * (the keys under {@code jwt.providers}), without binding or checking their properties:
 * that is {@link JwtProperties}' job, with its own messages.
 */
final class ProviderIds {

	private ProviderIds() {
	}

	static Set<String> of(Environment environment) {
		Map<String, String> flat = Binder.get(environment)
			.bind(JwtProperties.PREFIX + ".providers", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		Set<String> ids = new LinkedHashSet<>();
		for (String key : flat.keySet()) {
			int end = key.indexOf('.');
			ids.add((end < 0) ? key : key.substring(0, end));
		}
		return ids;
	}

}
