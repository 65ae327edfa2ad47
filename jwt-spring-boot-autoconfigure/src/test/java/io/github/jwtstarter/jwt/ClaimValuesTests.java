package io.github.jwtstarter.jwt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimValuesTests {

	@Test
	void stringIsRenderedAsIs() {
		assertThat(ClaimValues.render("solo.io")).isEqualTo("solo.io");
		assertThat(ClaimValues.render("")).isEmpty();
	}

	@Test
	void numbersAreRenderedAsText() {
		assertThat(ClaimValues.render(42L)).isEqualTo("42");
		assertThat(ClaimValues.render(0.5d)).isEqualTo("0.5");
		assertThat(ClaimValues.render(new BigDecimal("1E+3"))).isEqualTo("1000");
	}

	@Test
	void booleansAreRenderedAsText() {
		assertThat(ClaimValues.render(true)).isEqualTo("true");
		assertThat(ClaimValues.render(false)).isEqualTo("false");
	}

	@Test
	void instantsAreRenderedAsEpochSeconds() {
		assertThat(ClaimValues.render(Instant.ofEpochSecond(1700000000L))).isEqualTo("1700000000");
	}

	@Test
	void listsAreRenderedCommaSeparatedElementWise() {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("a", 1L);
		assertThat(ClaimValues.render(List.of("dev", "ops"))).isEqualTo("dev,ops");
		assertThat(ClaimValues.render(Arrays.asList("x", null, 3L, true, object, List.of("y", "z"))))
			.isEqualTo("x,3,true,{\"a\":1},[\"y\",\"z\"]");
	}

	@Test
	void emptyListIsNotRendered() {
		assertThat(ClaimValues.render(List.of())).isNull();
	}

	@Test
	void absentClaimIsNotRendered() {
		assertThat(ClaimValues.render(null)).isNull();
	}

	@Test
	void objectsAreRenderedAsCompactJson() {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("name", "Jo \"J\" <jo@solo.io>");
		object.put("note", "two\nlines");
		object.put("tags", List.of("a", "b"));
		object.put("nested", Map.of("n", 1L));
		assertThat(ClaimValues.render(object))
			.isEqualTo("{\"name\":\"Jo \\\"J\\\" <jo@solo.io>\",\"note\":\"two\\nlines\",\"tags\":[\"a\",\"b\"],"
					+ "\"nested\":{\"n\":1}}");
	}

	@Test
	void anyMatchesTestsScalarsByTheirText() {
		assertThat(ClaimValues.anyMatches(42L, "42"::equals)).isTrue();
		assertThat(ClaimValues.anyMatches("solo.io", "solo"::equals)).isFalse();
	}

	@Test
	void anyMatchesTestsListsElementWise() {
		assertThat(ClaimValues.anyMatches(List.of("dev", "ops"), "ops"::equals)).isTrue();
		assertThat(ClaimValues.anyMatches(List.of("dev", "ops"), "dev,ops"::equals)).isFalse();
		assertThat(ClaimValues.anyMatches(List.of(), (text) -> true)).isFalse();
	}

	@Test
	void anyMatchesRejectsAbsentClaims() {
		assertThat(ClaimValues.anyMatches(null, (text) -> true)).isFalse();
	}

	@Test
	void headerValueRendersTheClaimAtAPath() {
		Map<String, Object> claims = Map.of("org", "solo.io", "groups", List.of("dev", "ops"), "realm_access",
				Map.of("roles", List.of("admin")));
		assertThat(ClaimValues.headerValue(claims, "org")).isEqualTo("solo.io");
		assertThat(ClaimValues.headerValue(claims, "groups")).isEqualTo("dev,ops");
		assertThat(ClaimValues.headerValue(claims, "realm_access.roles")).isEqualTo("admin");
		assertThat(ClaimValues.headerValue(claims, "missing")).isNull();
	}

	@Test
	void headerValueRefusesControlCharactersButKeepsTabs() {
		assertThat(ClaimValues.headerValue(Map.of("org", "solo.io\r\nx-admin: true"), "org")).isNull();
		assertThat(ClaimValues.headerValue(Map.of("org", "solo\u007f"), "org")).isNull();
		assertThat(ClaimValues.headerValue(Map.of("org", "solo\tio"), "org")).isEqualTo("solo\tio");
	}

}
