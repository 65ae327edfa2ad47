package io.github.jwtstarter.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as the holder of a real token of a provider: the token is minted with the
 * provider's test keys ({@code @AutoConfigureJwtTestTokens}), verified by the
 * application's verifier (issuer, audience, required claims, times) and converted with
 * the provider's authorities, so that {@code @PreAuthorize} decides as in production. A
 * token the provider rejects fails the test before it runs.
 *
 * <pre class="code">
 * &#64;Test
 * &#64;WithJwtToken(provider = "corp", scopes = "pets.write", claims = """
 *     {"org": "solo.io"}""")
 * void soloIoCanAddPets() { ... }
 * </pre>
 *
 * For requests through MockMvc, RestTestClient or WebTestClient use their
 * {@code withJwt(...)} helpers instead, so routes and RBAC apply too.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithJwtTokenSecurityContextFactory.class)
public @interface WithJwtToken {

	/**
	 * Id of the provider whose token it is; empty for the only configured provider.
	 * @return the provider id
	 */
	String provider() default "";

	/**
	 * Tenant of the token, for a multi-tenant provider (an issuer with {@code {tenant}}):
	 * its {@code iss} and {@code tenant-claim}; empty for a provider with one issuer.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Subject of the token.
	 * @return the {@code sub} claim
	 */
	String subject() default "user";

	/**
	 * Scopes of the token, in its {@code scope} claim.
	 * @return the scopes
	 */
	String[] scopes() default {};

	/**
	 * Further claims as a JSON object, e.g. {@code {"org": "solo.io"}}; they override the
	 * defaults (issuer, first audience, required claims, subject).
	 * @return the claims
	 */
	String claims() default "{}";

	/**
	 * When the security context is set up.
	 * @return the test execution event
	 */
	@AliasFor(annotation = WithSecurityContext.class)
	TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;

}
