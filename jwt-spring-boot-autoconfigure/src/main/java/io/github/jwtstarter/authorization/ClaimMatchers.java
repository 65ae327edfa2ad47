package io.github.jwtstarter.authorization;

import java.util.Map;

import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import io.github.jwtstarter.jwt.ClaimPath;

import org.springframework.util.Assert;

/**
 * Factories of the RBAC claim matchers: each is a {@link ClaimCondition}, so a policy
 * compares a claim exactly as the request predicates, the gateway predicates and the
 * {@code @jwt} SpEL bean do with the same comparison. The claim is found by its claim
 * path ({@link ClaimPath}); a missing claim never matches.
 *
 * @see ClaimComparison
 */
public final class ClaimMatchers {

	private ClaimMatchers() {
	}

	/**
	 * A matcher of a claim condition of any comparison.
	 * @param condition the condition
	 * @return the matcher
	 */
	public static ClaimMatcher of(ClaimCondition condition) {
		Assert.notNull(condition, "condition cannot be null");
		return new ConditionMatcher(condition);
	}

	/**
	 * The claim's text form, or one element's for a list claim, equals the value
	 * ({@link ClaimComparison#TEXT}, the default {@code matcher}).
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher text(String path, String value) {
		return of(path, ClaimComparison.TEXT, value);
	}

	/**
	 * The claim equals the value by JSON type ({@link ClaimComparison#TYPED_EQUALS}).
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher typedEquals(String path, String value) {
		return of(path, ClaimComparison.TYPED_EQUALS, value);
	}

	/**
	 * The claim is a string equal to the value.
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher exactString(String path, String value) {
		return of(path, ClaimComparison.EXACT_STRING, value);
	}

	/**
	 * The claim is a JSON boolean equal to the value.
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher booleanValue(String path, boolean value) {
		return of(path, ClaimComparison.BOOLEAN, Boolean.toString(value));
	}

	/**
	 * The claim is a list that contains a string equal to the value.
	 * @param path the claim path
	 * @param value the expected element
	 * @return the matcher
	 */
	public static ClaimMatcher listContains(String path, String value) {
		return of(path, ClaimComparison.LIST_CONTAINS, value);
	}

	/**
	 * The regular expression matches the claim's text form entirely, or one element's for
	 * a list claim. The expression is compiled once, here.
	 * @param path the claim path
	 * @param regex the regular expression ({@link java.util.regex.Pattern} syntax)
	 * @return the matcher
	 * @throws java.util.regex.PatternSyntaxException if the expression does not compile
	 * @throws IllegalArgumentException if the path is malformed
	 */
	public static ClaimMatcher regexMatch(String path, String regex) {
		return of(path, ClaimComparison.REGEX_MATCH, regex);
	}

	private static ClaimMatcher of(String path, ClaimComparison comparison, String value) {
		Assert.hasText(path, "path cannot be empty");
		Assert.notNull(value, "value cannot be null");
		return new ConditionMatcher(ClaimCondition.of(path, comparison, value));
	}

	private record ConditionMatcher(ClaimCondition condition) implements ClaimMatcher {

		@Override
		public boolean matches(Map<String, Object> claims) {
			return this.condition.matches(claims);
		}

		@Override
		public String toString() {
			return this.condition.toString();
		}

	}

}
