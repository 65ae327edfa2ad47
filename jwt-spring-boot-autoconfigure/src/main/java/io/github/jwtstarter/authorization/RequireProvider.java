package io.github.jwtstarter.authorization;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Allows a method (or every method of a type) only when the caller's token was verified
 * by the provider, as {@link JwtClaimsExpressions#provider(String) @jwt.provider(id)}. A
 * denial is answered 403 ({@code insufficient_scope}), or 401 for a caller without a
 * token. <pre class="code">
 * &#64;RequireProvider("kube")
 * &#64;PostMapping("/internal/reindex")
 * void reindex() { ... }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@jwt.provider('{value}')")
public @interface RequireProvider {

	/**
	 * Provider id, a key under {@code jwt.providers}.
	 * @return the provider id
	 */
	String value();

}
