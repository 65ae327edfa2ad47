package io.github.jwtstarter.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Gives each configured JWT provider generated test keys instead of its configured key
 * source (JWK Set URL, discovery, inline or file keys), and a {@code JwtTestTokens} bean
 * that mints tokens signed with them. Nothing else changes: issuer, audiences,
 * algorithms, required claims, token sources, authorities, routes, RBAC and request
 * shaping are those of the application's configuration, and no key is read or fetched.
 * <p>
 * Works on {@code @SpringBootTest} and on slices such as {@code @WebMvcTest}, whose
 * context it adds the starter's auto-configuration to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("jwt.test")
public @interface AutoConfigureJwtTestTokens {

	/**
	 * Ids of providers that keep their configured keys (also settable with the
	 * {@code jwt.test.real-keys} property); their tokens cannot be minted with test keys.
	 * @return the providers that keep their real keys
	 */
	@PropertyMapping(value = "real-keys", skip = PropertyMapping.Skip.ON_DEFAULT_VALUE)
	String[] keepRealKeys() default {};

}
