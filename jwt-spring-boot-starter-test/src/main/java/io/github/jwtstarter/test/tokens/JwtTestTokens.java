package io.github.jwtstarter.test.tokens;

import java.time.Clock;

import io.github.jwtstarter.autoconfigure.JwtProperties;

import org.springframework.util.Assert;

/**
 * Mints real signed tokens for the configured providers, signed with the test keys that
 * {@code @AutoConfigureJwtTestTokens} gave them. Each token goes through the
 * application's real verification, routes, RBAC and method security:
 *
 * <pre class="code">
 * JwtTestToken token = tokens.provider("corp")
 *     .subject("alice")
 *     .claim("org", "solo.io")
 *     .scopes("pets.read")
 *     .build();
 * </pre>
 *
 * A token carries the provider's issuer, its first audience, its required claims and a
 * lifetime of five minutes unless told otherwise; hostile variants ({@code expired()},
 * {@code signedByUnknownKey()}, {@code withoutKid()}, {@code issuer("other")}) are there
 * for negative tests.
 */
public final class JwtTestTokens {

	private final JwtProperties properties;

	private final JwtTestKeys keys;

	private final Clock clock;

	public JwtTestTokens(JwtProperties properties, JwtTestKeys keys, Clock clock) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.properties = properties;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Starts a token for a provider.
	 * @param providerId the provider id, a key under {@code jwt.providers}
	 * @return a builder of the token
	 */
	public JwtTestTokenBuilder provider(String providerId) {
		Assert.hasText(providerId, "providerId cannot be empty");
		JwtProperties.Provider provider = this.properties.getProviders().get(providerId);
		if (provider == null) {
			throw new IllegalArgumentException("No provider '" + providerId + "'; use one of "
					+ this.properties.getProviders().keySet() + " (the keys under jwt.providers)");
		}
		return new JwtTestTokenBuilder(providerId, provider, this.keys, this.clock);
	}

	/**
	 * Starts a token for the only configured provider.
	 * @return a builder of the token
	 */
	public JwtTestTokenBuilder provider() {
		if (this.properties.getProviders().size() != 1) {
			throw new IllegalStateException(
					"Name the provider: provider(id) with one of " + this.properties.getProviders().keySet());
		}
		return provider(this.properties.getProviders().keySet().iterator().next());
	}

}
