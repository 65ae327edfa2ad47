package io.github.jwtstarter.jwt;

import java.util.function.Supplier;

/**
 * Lets an application replace a provider's verification keys, for example with generated
 * test keys ({@code jwt-spring-boot-starter-test}). Only the keys change: the issuer,
 * audiences, algorithms and every other check of the provider stay as configured. Beans
 * of this type are applied in order, each given what the previous one returned.
 */
@FunctionalInterface
public interface JwtProviderKeysCustomizer {

	/**
	 * Returns the keys a provider verifies tokens with.
	 * @param providerId the provider id
	 * @param keys supplies the keys configured under {@code jwt.providers.<id>.jwks} (or
	 * those of an earlier customizer); when it is not called, those keys are never built,
	 * so no file is read and no endpoint is contacted
	 * @return the keys to use
	 */
	ProviderKeys customize(String providerId, Supplier<ProviderKeys> keys);

}
