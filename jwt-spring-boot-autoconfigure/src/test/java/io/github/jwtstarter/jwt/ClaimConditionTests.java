package io.github.jwtstarter.jwt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each comparison of the claim-condition vocabulary, once, against claims of every JSON
 * type. RBAC matchers, {@code required-claims}, the {@code @jwt} bean, the predicates and
 * matchers and the gateway predicates all build a {@link ClaimCondition}, so these are
 * the semantics of all of them (docs/access-control.md, "Claim conditions").
 */
class ClaimConditionTests {

	/**
	 * One claim of each JSON type, as a verified token's claim map holds them (Nimbus
	 * parses integers as Long, decimals as Double; Spring turns exp into an Instant).
	 */
	private static final Map<String, Object> CLAIMS = claims();

	private static Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("org", "solo.io");
		claims.put("level", 42L);
		claims.put("ratio", 2.5d);
		claims.put("whole", 2.0d);
		claims.put("verified", true);
		claims.put("verified_text", "true");
		claims.put("level_text", "42");
		claims.put("groups", List.of("dev", "admins"));
		claims.put("levels", List.of(7L, 42L));
		claims.put("meta", Map.of("team", "pets"));
		claims.put("exp", Instant.ofEpochSecond(1_700_000_000L));
		return claims;
	}

	private static boolean test(String path, ClaimComparison comparison, String value) {
		return ClaimCondition.of(path, comparison, value).matches(CLAIMS);
	}

	@Test
	void textComparesTheTextFormOfAnyTypeAndListsElementWise() {
		assertThat(test("org", ClaimComparison.TEXT, "solo.io")).isTrue();
		assertThat(test("org", ClaimComparison.TEXT, "solo")).isFalse();
		assertThat(test("level", ClaimComparison.TEXT, "42")).isTrue();
		assertThat(test("ratio", ClaimComparison.TEXT, "2.5")).isTrue();
		assertThat(test("whole", ClaimComparison.TEXT, "2")).isFalse();
		assertThat(test("verified", ClaimComparison.TEXT, "true")).isTrue();
		assertThat(test("verified_text", ClaimComparison.TEXT, "true")).isTrue();
		assertThat(test("groups", ClaimComparison.TEXT, "admins")).isTrue();
		assertThat(test("groups", ClaimComparison.TEXT, "dev,admins")).isFalse();
		assertThat(test("levels", ClaimComparison.TEXT, "42")).isTrue();
		assertThat(test("meta", ClaimComparison.TEXT, "{\"team\":\"pets\"}")).isTrue();
		assertThat(test("exp", ClaimComparison.TEXT, "1700000000")).isTrue();
		assertThat(test("missing", ClaimComparison.TEXT, "")).isFalse();
	}

	@Test
	void typedEqualsNeedsTheJsonTypeTheValueReadsAsAndNeverAList() {
		assertThat(test("org", ClaimComparison.TYPED_EQUALS, "solo.io")).isTrue();
		assertThat(test("verified", ClaimComparison.TYPED_EQUALS, "true")).isTrue();
		assertThat(test("verified_text", ClaimComparison.TYPED_EQUALS, "true")).isFalse();
		assertThat(test("level", ClaimComparison.TYPED_EQUALS, "42")).isTrue();
		assertThat(test("level", ClaimComparison.TYPED_EQUALS, "42.0")).isTrue();
		assertThat(test("whole", ClaimComparison.TYPED_EQUALS, "2")).isTrue();
		assertThat(test("level_text", ClaimComparison.TYPED_EQUALS, "42")).isTrue();
		assertThat(test("level_text", ClaimComparison.TYPED_EQUALS, "42.0")).isFalse();
		assertThat(test("exp", ClaimComparison.TYPED_EQUALS, "1700000000")).isTrue();
		assertThat(test("groups", ClaimComparison.TYPED_EQUALS, "admins")).isFalse();
		assertThat(test("meta", ClaimComparison.TYPED_EQUALS, "{\"team\":\"pets\"}")).isFalse();
		assertThat(test("missing", ClaimComparison.TYPED_EQUALS, "x")).isFalse();
	}

	@Test
	void typedEqualsOfATypedValueNeedsThatType() {
		assertThat(ClaimCondition.typedEquals("verified", true).matches(CLAIMS)).isTrue();
		assertThat(ClaimCondition.typedEquals("verified_text", true).matches(CLAIMS)).isFalse();
		assertThat(ClaimCondition.typedEquals("level", 42).matches(CLAIMS)).isTrue();
		assertThat(ClaimCondition.typedEquals("whole", new BigDecimal("2.00")).matches(CLAIMS)).isTrue();
		assertThat(ClaimCondition.typedEquals("level_text", 42).matches(CLAIMS)).isFalse();
		assertThat(ClaimCondition.typedEquals("levels", 42).matches(CLAIMS)).isFalse();
		assertThat(ClaimCondition.typedEquals("org", "solo.io").matches(CLAIMS)).isTrue();
	}

	@Test
	void exactStringNeedsAJsonString() {
		assertThat(test("org", ClaimComparison.EXACT_STRING, "solo.io")).isTrue();
		assertThat(test("org", ClaimComparison.EXACT_STRING, "Solo.io")).isFalse();
		assertThat(test("level", ClaimComparison.EXACT_STRING, "42")).isFalse();
		assertThat(test("level_text", ClaimComparison.EXACT_STRING, "42")).isTrue();
		assertThat(test("verified", ClaimComparison.EXACT_STRING, "true")).isFalse();
		assertThat(test("groups", ClaimComparison.EXACT_STRING, "admins")).isFalse();
		assertThat(test("missing", ClaimComparison.EXACT_STRING, "")).isFalse();
	}

	@Test
	void booleanNeedsAJsonBoolean() {
		assertThat(test("verified", ClaimComparison.BOOLEAN, "true")).isTrue();
		assertThat(test("verified", ClaimComparison.BOOLEAN, "false")).isFalse();
		assertThat(test("verified_text", ClaimComparison.BOOLEAN, "true")).isFalse();
		assertThat(test("level", ClaimComparison.BOOLEAN, "true")).isFalse();
		assertThat(test("missing", ClaimComparison.BOOLEAN, "false")).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClaimCondition.of("verified", ClaimComparison.BOOLEAN, "yes"))
			.withMessageContaining("true or false");
	}

	@Test
	void listContainsNeedsAListWithThatString() {
		assertThat(test("groups", ClaimComparison.LIST_CONTAINS, "admins")).isTrue();
		assertThat(test("groups", ClaimComparison.LIST_CONTAINS, "ops")).isFalse();
		assertThat(test("org", ClaimComparison.LIST_CONTAINS, "solo.io")).isFalse();
		assertThat(test("levels", ClaimComparison.LIST_CONTAINS, "42")).isFalse();
		assertThat(test("missing", ClaimComparison.LIST_CONTAINS, "admins")).isFalse();
	}

	@Test
	void regexMatchMatchesTheWholeTextFormAndListsElementWise() {
		assertThat(test("org", ClaimComparison.REGEX_MATCH, "solo\\.(io|com)")).isTrue();
		assertThat(test("org", ClaimComparison.REGEX_MATCH, "solo")).isFalse();
		assertThat(test("level", ClaimComparison.REGEX_MATCH, "[0-9]+")).isTrue();
		assertThat(test("verified", ClaimComparison.REGEX_MATCH, "t.*")).isTrue();
		assertThat(test("groups", ClaimComparison.REGEX_MATCH, "adm.*")).isTrue();
		assertThat(test("groups", ClaimComparison.REGEX_MATCH, "dev,.*")).isFalse();
		assertThat(test("missing", ClaimComparison.REGEX_MATCH, ".*")).isFalse();
		assertThatExceptionOfType(PatternSyntaxException.class)
			.isThrownBy(() -> ClaimCondition.of("org", ClaimComparison.REGEX_MATCH, "(unclosed"));
	}

	@Test
	void nestedAndUrlShapedClaimPathsAreResolved() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("admin")),
				"https://example.com/org", "solo.io");
		assertThat(ClaimCondition.of("realm_access.roles", ClaimComparison.LIST_CONTAINS, "admin").matches(claims))
			.isTrue();
		assertThat(ClaimCondition.of("https://example.com/org", ClaimComparison.TEXT, "solo.io").matches(claims))
			.isTrue();
	}

	@Test
	void conditionsAreValuesWithEqualsHashCodeAndToString() {
		ClaimCondition regex = ClaimCondition.of("email", ClaimComparison.REGEX_MATCH, ".*@solo\\.io");
		assertThat(regex).isEqualTo(ClaimCondition.of("email", ClaimComparison.REGEX_MATCH, ".*@solo\\.io"))
			.hasSameHashCodeAs(ClaimCondition.of("email", ClaimComparison.REGEX_MATCH, ".*@solo\\.io"))
			.isNotEqualTo(ClaimCondition.of("email", ClaimComparison.TEXT, ".*@solo\\.io"));
		assertThat(ClaimCondition.typedEquals("verified", true))
			.isNotEqualTo(ClaimCondition.of("verified", ClaimComparison.TYPED_EQUALS, "true"));
		assertThat(ClaimCondition.of("groups", ClaimComparison.LIST_CONTAINS, "admins"))
			.hasToString("groups list-contains \"admins\"");
		assertThat(ClaimCondition.typedEquals("level", 2)).hasToString("level typed-equals 2");
	}

	@Test
	void ofWhenPathEmptyThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimCondition.of("", ClaimComparison.TEXT, "x"))
			.withMessage("path cannot be empty");
	}

	@Test
	void ofWhenComparisonNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimCondition.of("org", null, "x"))
			.withMessage("comparison cannot be null");
	}

	@Test
	void ofWhenValueNullThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimCondition.of("org", ClaimComparison.TEXT, null))
			.withMessage("value cannot be null");
	}

	@Test
	void ofWhenPathMalformedThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClaimCondition.of("[kubernetes.io", ClaimComparison.TEXT, "x"))
			.withMessageContaining("unclosed");
	}

}
