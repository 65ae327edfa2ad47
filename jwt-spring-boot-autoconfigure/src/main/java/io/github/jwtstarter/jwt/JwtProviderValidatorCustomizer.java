package io.github.jwtstarter.jwt;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Lets an application add checks of its own to a provider, for example that {@code azp}
 * names a known client: <pre class="code">
 * &#64;Bean
 * JwtProviderValidatorCustomizer knownClients() {
 * 	return (providerId, validators) -&gt; {
 * 		if ("corp".equals(providerId)) {
 * 			validators.add(new JwtClaimValidator&lt;String&gt;("azp", Set.of("web", "cli")::contains));
 * 		}
 * 	};
 * }
 * </pre> The checks run, in order, on every token that passes the provider's own checks
 * (signature, issuer, audiences, times, required claims), which a customizer can neither
 * see nor remove. A failure is a 401 with the generic description {@code token not
 * accepted}, never the check's own text, and is counted under the check's error code (see
 * {@link JwtFailure#CUSTOM}). Beans of this type are applied in order, each given the
 * list as the previous one left it; the list starts with the application's
 * {@code OAuth2TokenValidator<Jwt>} beans, which apply to every provider, as Spring
 * Boot's resource server applies them to its decoder.
 */
@FunctionalInterface
public interface JwtProviderValidatorCustomizer {

	/**
	 * Adds (or removes) a provider's checks of the application's own.
	 * @param providerId the provider id
	 * @param validators the provider's checks of the application's own, to change in
	 * place
	 */
	void customize(String providerId, List<OAuth2TokenValidator<Jwt>> validators);

}
