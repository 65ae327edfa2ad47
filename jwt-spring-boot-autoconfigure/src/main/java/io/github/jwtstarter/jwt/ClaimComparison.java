package io.github.jwtstarter.jwt;

/**
 * How a {@link ClaimCondition} compares a claim with its value: the one vocabulary of
 * RBAC principals ({@code matcher}), {@code required-claims}, the {@code @jwt} SpEL bean,
 * the request predicates and matchers, and the gateway predicates. In YAML the names are
 * written in kebab case ({@code list-contains}).
 * <p>
 * A missing claim never passes. A claim's <em>text form</em> is the string as is, a
 * number or boolean as text, {@code exp}/{@code iat}/{@code nbf} as epoch seconds, an
 * object as compact JSON.
 */
public enum ClaimComparison {

	/**
	 * The claim's text form equals the value; a list claim passes when one element's
	 * does. What "claim equals value" means unless another comparison is named.
	 */
	TEXT,

	/**
	 * Typed equality, what {@code required-claims} uses: the value {@code true} or
	 * {@code false} needs a JSON boolean, a number a JSON number of equal value (or a
	 * string spelled alike), other text the equal JSON string; lists and objects never
	 * pass.
	 */
	TYPED_EQUALS,

	/**
	 * The claim is a JSON string equal to the value (Gloo's {@code EXACT_STRING}).
	 */
	EXACT_STRING,

	/**
	 * The claim is a JSON boolean equal to the value, {@code true} or {@code false}
	 * (Gloo's {@code BOOLEAN}).
	 */
	BOOLEAN,

	/**
	 * The claim is a list that contains a JSON string equal to the value (Gloo's
	 * {@code LIST_CONTAINS}).
	 */
	LIST_CONTAINS,

	/**
	 * The regular expression matches the claim's text form entirely; a list claim passes
	 * when it matches one element's.
	 */
	REGEX_MATCH

}
