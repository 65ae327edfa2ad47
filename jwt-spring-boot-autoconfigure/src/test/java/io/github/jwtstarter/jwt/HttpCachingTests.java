package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpCaching} and {@link KeySetLifetime}.
 */
class HttpCachingTests {

	@Test
	void maxAgeWhenPresentThenReadAmongOtherDirectives() {
		assertThat(HttpCaching.maxAge("public, max-age=3600, must-revalidate")).isEqualTo(Duration.ofHours(1));
		assertThat(HttpCaching.maxAge("MAX-AGE=\"60\"")).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void maxAgeWhenNoCacheOrNoStoreThenZero() {
		assertThat(HttpCaching.maxAge("no-cache")).isEqualTo(Duration.ZERO);
		assertThat(HttpCaching.maxAge("max-age=60, no-store")).isEqualTo(Duration.ZERO);
	}

	@Test
	void maxAgeWhenAbsentOrUnreadableThenNull() {
		assertThat(HttpCaching.maxAge(null)).isNull();
		assertThat(HttpCaching.maxAge("public")).isNull();
		assertThat(HttpCaching.maxAge("max-age=-5")).isNull();
		assertThat(HttpCaching.maxAge("max-age=99999999999999")).isNull();
	}

	@Test
	void retryAfterWhenSecondsOrHttpDateThenDelay() {
		long now = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
		assertThat(HttpCaching.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.parse("2030-01-01T00:01:30Z").atZone(ZoneOffset.UTC));
		assertThat(HttpCaching.retryAfter(date, now)).isEqualTo(Duration.ofSeconds(90));
		assertThat(HttpCaching.retryAfter("Tue, 01 Jan 2019 00:00:00 GMT", now)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterWhenAbsentOrUnreadableThenNull() {
		assertThat(HttpCaching.retryAfter(null, 0)).isNull();
		assertThat(HttpCaching.retryAfter("soon", 0)).isNull();
	}

	@Test
	void lifetimeIsMaxAgeBoundedByMinRefreshIntervalAndCacheDuration() {
		KeySetLifetime lifetime = new KeySetLifetime(Duration.ofMinutes(5), Duration.ofSeconds(30));
		assertThat(lifetime.bounded()).isEqualTo(300_000);
		lifetime.maxAge(Duration.ofMinutes(2));
		assertThat(lifetime.bounded()).isEqualTo(120_000);
		lifetime.maxAge(Duration.ofSeconds(5));
		assertThat(lifetime.bounded()).isEqualTo(30_000);
		lifetime.maxAge(Duration.ofDays(1));
		assertThat(lifetime.bounded()).isEqualTo(300_000);
	}

	@Test
	void lifetimeIsNeverBelowOneSecondWhateverTheMinRefreshInterval() {
		KeySetLifetime lifetime = new KeySetLifetime(Duration.ofMinutes(5), Duration.ZERO);
		lifetime.maxAge(Duration.ZERO);
		assertThat(lifetime.bounded()).isEqualTo(1000);
	}

	@Test
	void jitterShortensTheLifetimeByUpToATenth() {
		KeySetLifetime lifetime = new KeySetLifetime(Duration.ofMinutes(5), Duration.ofSeconds(30));
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			long next = lifetime.next();
			assertThat(next).isBetween(270_000L, 300_000L);
			seen.add(next);
		}
		assertThat(seen).as("replicas draw different lifetimes").hasSizeGreaterThan(100);
	}

}
