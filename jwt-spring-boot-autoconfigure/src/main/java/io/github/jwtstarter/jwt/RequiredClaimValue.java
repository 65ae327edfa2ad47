package io.github.jwtstarter.jwt;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A configured {@code required-claims} value and the JSON type it demands:
 * <ul>
 * <li>{@code true} or {@code false} (a YAML boolean, or that text) demand a JSON boolean,
 * so {@code email_verified: true} is not satisfied by the string {@code "true"};</li>
 * <li>a YAML number demands a JSON number of that value ({@code 2} matches {@code 2} and
 * {@code 2.0}, not {@code "2"});</li>
 * <li>other text demands that exact JSON string; text that reads as a number (a
 * properties file cannot say "number") also matches a JSON number of that value.</li>
 * </ul>
 * Objects and arrays never match.
 */
final class RequiredClaimValue {

	private final @Nullable Boolean bool;

	private final @Nullable BigDecimal number;

	private final @Nullable String text;

	private RequiredClaimValue(@Nullable Boolean bool, @Nullable BigDecimal number, @Nullable String text) {
		this.bool = bool;
		this.number = number;
		this.text = text;
	}

	static RequiredClaimValue of(Object configured) {
		String text = String.valueOf(configured).trim();
		if (configured instanceof Boolean || "true".equals(text) || "false".equals(text)) {
			return new RequiredClaimValue(Boolean.valueOf(text), null, text);
		}
		if (configured instanceof Number) {
			return new RequiredClaimValue(null, number(text), null);
		}
		return new RequiredClaimValue(null, number(text), String.valueOf(configured));
	}

	boolean matches(@Nullable Object claim) {
		if (this.bool != null) {
			return this.bool.equals(claim);
		}
		if (claim instanceof String string) {
			return string.equals(this.text);
		}
		if (claim instanceof Number && this.number != null) {
			BigDecimal actual = number(claim.toString());
			return actual != null && this.number.compareTo(actual) == 0;
		}
		return false;
	}

	private static @Nullable BigDecimal number(String text) {
		if (text.isEmpty() || text.length() > 64) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
