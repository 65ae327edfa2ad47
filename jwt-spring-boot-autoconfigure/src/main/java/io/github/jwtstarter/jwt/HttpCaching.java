package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads the HTTP caching headers of key-set and discovery responses (RFC 9111
 * {@code Cache-Control}, RFC 9110 {@code Retry-After}).
 */
final class HttpCaching {

	private HttpCaching() {
	}

	/**
	 * Returns the freshness lifetime a {@code Cache-Control} header gives: its
	 * {@code max-age}, or zero with {@code no-cache} or {@code no-store}.
	 * @param cacheControl the header value, or {@code null}
	 * @return the lifetime, or {@code null} when the header names none (or cannot be
	 * read)
	 */
	static @Nullable Duration maxAge(@Nullable String cacheControl) {
		if (cacheControl == null) {
			return null;
		}
		Duration maxAge = null;
		for (String directive : cacheControl.split(",")) {
			String name = directive.strip().toLowerCase(Locale.ROOT);
			if (name.equals("no-cache") || name.equals("no-store")) {
				return Duration.ZERO;
			}
			if (name.startsWith("max-age=") && maxAge == null) {
				maxAge = seconds(name.substring("max-age=".length()).replace("\"", ""));
			}
		}
		return maxAge;
	}

	/**
	 * Returns how long a {@code Retry-After} header asks to wait.
	 * @param retryAfter the header value: delay seconds or an HTTP date, or {@code null}
	 * @param now the current time in milliseconds, for an HTTP date
	 * @return the delay, zero for a date in the past, or {@code null} when there is none
	 * (or it cannot be read)
	 */
	static @Nullable Duration retryAfter(@Nullable String retryAfter, long now) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return null;
		}
		Duration seconds = seconds(retryAfter.strip());
		if (seconds != null) {
			return seconds;
		}
		try {
			long at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant()
				.toEpochMilli();
			return Duration.ofMillis(Math.max(0, at - now));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration seconds(String value) {
		if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(value));
	}

}
