package io.github.jwtstarter.jwt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A condition on one claim: a {@link ClaimPath claim path}, a {@link ClaimComparison} and
 * a value. The one implementation of "claim equals value" behind RBAC principals,
 * {@code required-claims}, the {@code @jwt} SpEL bean, the request predicates and
 * matchers and the gateway predicates, so that the same claim and value give the same
 * answer in each. The path is parsed, the value read and a regular expression compiled
 * once, here; immutable, with value equality.
 */
public final class ClaimCondition {

	private static final int MAX_NUMBER_LENGTH = 64;

	private final ClaimPath path;

	private final ClaimComparison comparison;

	private final Object value;

	private final Predicate<Object> test;

	private ClaimCondition(String path, ClaimComparison comparison, Object value, Predicate<Object> test) {
		this.path = ClaimPath.of(path);
		this.comparison = comparison;
		this.value = value;
		this.test = test;
	}

	/**
	 * Creates a condition whose value is given as text (YAML, a predicate's argument,
	 * SpEL).
	 * @param path the claim path
	 * @param comparison how the claim is compared
	 * @param value the value, or the regular expression of {@code REGEX_MATCH}
	 * @return the condition
	 * @throws IllegalArgumentException if the path is malformed, or the value is not
	 * {@code true} or {@code false} for {@code BOOLEAN}, or not a valid regular
	 * expression for {@code REGEX_MATCH} ({@link java.util.regex.PatternSyntaxException})
	 */
	public static ClaimCondition of(String path, ClaimComparison comparison, String value) {
		Assert.hasText(path, "path cannot be empty");
		Assert.notNull(comparison, "comparison cannot be null");
		Assert.notNull(value, "value cannot be null");
		return switch (comparison) {
			case TEXT ->
				new ClaimCondition(path, comparison, value, (claim) -> ClaimValues.anyMatches(claim, value::equals));
			case TYPED_EQUALS -> new ClaimCondition(path, comparison, value, typed(value));
			case EXACT_STRING -> new ClaimCondition(path, comparison, value, value::equals);
			case BOOLEAN -> {
				Assert.isTrue("true".equals(value) || "false".equals(value),
						() -> "the boolean comparison takes true or false, not '" + value + "'");
				yield new ClaimCondition(path, comparison, value, Boolean.valueOf(value)::equals);
			}
			case LIST_CONTAINS -> new ClaimCondition(path, comparison, value,
					(claim) -> claim instanceof Collection<?> list && list.contains(value));
			case REGEX_MATCH -> {
				Pattern pattern = Pattern.compile(value);
				yield new ClaimCondition(path, comparison, value,
						(claim) -> ClaimValues.anyMatches(claim, (text) -> pattern.matcher(text).matches()));
			}
		};
	}

	/**
	 * Creates a typed-equality ({@code TYPED_EQUALS}) condition from a typed value, as
	 * YAML gives {@code required-claims}: a {@link Boolean} needs a JSON boolean, a
	 * {@link Number} a JSON number of equal value (not a string); anything else is taken
	 * as text, as {@link #of}.
	 * @param path the claim path
	 * @param value the value
	 * @return the condition
	 */
	public static ClaimCondition typedEquals(String path, Object value) {
		Assert.hasText(path, "path cannot be empty");
		Assert.notNull(value, "value cannot be null");
		if (value instanceof Boolean bool) {
			return new ClaimCondition(path, ClaimComparison.TYPED_EQUALS, bool, bool::equals);
		}
		if (value instanceof Number number) {
			BigDecimal expected = number(number.toString());
			Assert.notNull(expected, () -> "not a finite number: " + number);
			return new ClaimCondition(path, ClaimComparison.TYPED_EQUALS, number,
					(claim) -> numericallyEqual(expected, claim));
		}
		return of(path, ClaimComparison.TYPED_EQUALS, value.toString());
	}

	/**
	 * Returns whether a token's claims satisfy this condition.
	 * @param claims the claims
	 * @return whether the claim is present and passes
	 */
	public boolean matches(Map<String, ?> claims) {
		Object claim = this.path.resolve(claims);
		return claim != null && this.test.test(claim);
	}

	public ClaimPath getPath() {
		return this.path;
	}

	public ClaimComparison getComparison() {
		return this.comparison;
	}

	/**
	 * Returns the value as given: text, or the {@link Boolean} or {@link Number} of
	 * {@link #typedEquals}.
	 * @return the value
	 */
	public Object getValue() {
		return this.value;
	}

	private static Predicate<Object> typed(String value) {
		String trimmed = value.trim();
		if ("true".equals(trimmed) || "false".equals(trimmed)) {
			return Boolean.valueOf(trimmed)::equals;
		}
		BigDecimal number = number(trimmed);
		if (number != null) {
			return (claim) -> value.equals(claim) || numericallyEqual(number, claim);
		}
		return value::equals;
	}

	private static boolean numericallyEqual(BigDecimal expected, Object claim) {
		BigDecimal actual = null;
		if (claim instanceof Instant instant) {
			actual = BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
		}
		else if (claim instanceof Number number) {
			actual = number(number.toString());
		}
		return actual != null && expected.compareTo(actual) == 0;
	}

	private static @Nullable BigDecimal number(String text) {
		if (text.isEmpty() || text.length() > MAX_NUMBER_LENGTH) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ClaimCondition that && this.path.equals(that.path)
				&& this.comparison == that.comparison && this.value.equals(that.value));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.path, this.comparison, this.value);
	}

	/**
	 * Returns the condition as configured, e.g. {@code groups list-contains "admins"}.
	 * @return the description
	 */
	@Override
	public String toString() {
		String value = (this.value instanceof String text) ? "\"" + text + "\"" : this.value.toString();
		return this.path + " " + this.comparison.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + value;
	}

}
