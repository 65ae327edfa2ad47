package io.github.jwtstarter.authorization;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Allows a method (or every method of a type) only when the caller's token has the claim:
 * equal to {@link #value()} compared as text, or a list with an element that is, as
 * {@link JwtClaimsExpressions#hasClaim(String, String) @jwt.hasClaim(name, value)}. A
 * denial is answered 403 ({@code insufficient_scope}), or 401 for a caller without a
 * token. <pre class="code">
 * &#64;RequireClaim(name = "org", value = "solo.io")
 * &#64;GetMapping("/reports")
 * List&lt;Report&gt; reports() { ... }
 * </pre> Expands to {@code @PreAuthorize("@jwt.hasClaim('{name}', '{value}')")} through
 * Spring Security's annotation templates (the starter registers the
 * {@code AnnotationTemplateExpressionDefaults} bean), so neither attribute may contain a
 * single quote.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@jwt.hasClaim('{name}', '{value}')")
public @interface RequireClaim {

	/**
	 * Claim path, e.g. {@code org}, {@code realm_access.roles} or
	 * {@code https://example.com/roles}.
	 * @return the claim path
	 */
	String name();

	/**
	 * Value the claim must equal, compared as text (a list claim: one of its elements).
	 * @return the value
	 */
	String value();

}
