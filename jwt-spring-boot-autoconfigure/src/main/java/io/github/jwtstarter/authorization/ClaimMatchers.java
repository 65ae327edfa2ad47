package io.github.jwtstarter.authorization;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.jwtstarter.jwt.ClaimPath;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Factories of the RBAC claim matchers, with Gloo's semantics: {@code exact-string},
 * {@code boolean}, {@code list-contains} and {@code regex-match}. The claim is found by
 * its claim path ({@link ClaimPath}); a missing claim or a claim of another JSON type
 * never matches (the string {@code "true"} is not the boolean {@code true}, the number
 * {@code 42} is not the string {@code "42"}).
 */
public final class ClaimMatchers {

	private ClaimMatchers() {
	}

	/**
	 * The claim is a string equal to the value.
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher exactString(String path, String value) {
		return new ExactString(checkedPath(path), notNull(value));
	}

	/**
	 * The claim is a JSON boolean equal to the value.
	 * @param path the claim path
	 * @param value the expected value
	 * @return the matcher
	 */
	public static ClaimMatcher booleanValue(String path, boolean value) {
		return new BooleanValue(checkedPath(path), value);
	}

	/**
	 * The claim is a list that contains a string equal to the value.
	 * @param path the claim path
	 * @param value the expected element
	 * @return the matcher
	 */
	public static ClaimMatcher listContains(String path, String value) {
		return new ListContains(checkedPath(path), notNull(value));
	}

	/**
	 * The claim is a string that the regular expression matches entirely. The expression
	 * is compiled once, here.
	 * @param path the claim path
	 * @param regex the regular expression ({@link Pattern} syntax)
	 * @return the matcher
	 * @throws java.util.regex.PatternSyntaxException if the expression does not compile
	 * @throws IllegalArgumentException if the path is malformed
	 */
	public static ClaimMatcher regexMatch(String path, String regex) {
		return new RegexMatch(checkedPath(path), Pattern.compile(notNull(regex)));
	}

	private static ClaimPath checkedPath(String path) {
		Assert.hasText(path, "path cannot be empty");
		return ClaimPath.of(path);
	}

	private static String notNull(String value) {
		Assert.notNull(value, "value cannot be null");
		return value;
	}

	private record ExactString(ClaimPath path, String value) implements ClaimMatcher {

		@Override
		public boolean matches(Map<String, Object> claims) {
			return this.path.resolve(claims) instanceof String string && string.equals(this.value);
		}

		@Override
		public String toString() {
			return this.path + " == \"" + this.value + "\"";
		}

	}

	private record BooleanValue(ClaimPath path, boolean value) implements ClaimMatcher {

		@Override
		public boolean matches(Map<String, Object> claims) {
			return this.path.resolve(claims) instanceof Boolean bool && bool == this.value;
		}

		@Override
		public String toString() {
			return this.path + " == " + this.value;
		}

	}

	private record ListContains(ClaimPath path, String value) implements ClaimMatcher {

		@Override
		public boolean matches(Map<String, Object> claims) {
			if (!(this.path.resolve(claims) instanceof Collection<?> values)) {
				return false;
			}
			for (Object element : values) {
				if (element instanceof String string && string.equals(this.value)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return this.path + " contains \"" + this.value + "\"";
		}

	}

	private static final class RegexMatch implements ClaimMatcher {

		private final ClaimPath path;

		private final Pattern pattern;

		RegexMatch(ClaimPath path, Pattern pattern) {
			this.path = path;
			this.pattern = pattern;
		}

		@Override
		public boolean matches(Map<String, Object> claims) {
			return this.path.resolve(claims) instanceof String string
					&& this.pattern.matcher(string).matches();
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other || (other instanceof RegexMatch that && this.path.equals(that.path)
					&& this.pattern.pattern().equals(that.pattern.pattern()));
		}

		@Override
		public int hashCode() {
			return 31 * this.path.hashCode() + this.pattern.pattern().hashCode();
		}

		@Override
		public String toString() {
			return this.path + " matches /" + this.pattern.pattern() + "/";
		}

	}

}
