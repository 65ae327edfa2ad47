package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClaimMatchersTests {

	@Test
	void exactStringWhenEqualStringThenMatches() {
		assertThat(ClaimMatchers.exactString("org", "solo.io").matches(Map.of("org", "solo.io"))).isTrue();
	}

	@Test
	void exactStringWhenOtherStringThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.exactString("org", "solo.io");
		assertThat(matcher.matches(Map.of("org", "acme"))).isFalse();
		assertThat(matcher.matches(Map.of("org", "SOLO.IO"))).isFalse();
		assertThat(matcher.matches(Map.of("org", "solo.io "))).isFalse();
	}

	@Test
	void exactStringWhenMissingThenNoMatch() {
		assertThat(ClaimMatchers.exactString("org", "solo.io").matches(Map.of("sub", "solo.io"))).isFalse();
	}

	@Test
	void exactStringWhenWrongTypeThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.exactString("uid", "42");
		assertThat(matcher.matches(Map.of("uid", 42))).isFalse();
		assertThat(matcher.matches(Map.of("uid", List.of("42")))).isFalse();
		assertThat(ClaimMatchers.exactString("admin", "true").matches(Map.of("admin", true))).isFalse();
	}

	@Test
	void booleanValueWhenEqualBooleanThenMatches() {
		assertThat(ClaimMatchers.booleanValue("email_verified", true).matches(Map.of("email_verified", true)))
			.isTrue();
		assertThat(ClaimMatchers.booleanValue("email_verified", false).matches(Map.of("email_verified", false)))
			.isTrue();
	}

	@Test
	void booleanValueWhenOtherBooleanThenNoMatch() {
		assertThat(ClaimMatchers.booleanValue("email_verified", true).matches(Map.of("email_verified", false)))
			.isFalse();
	}

	@Test
	void booleanValueWhenMissingThenNoMatch() {
		assertThat(ClaimMatchers.booleanValue("email_verified", false).matches(Map.of())).isFalse();
	}

	@Test
	void booleanValueWhenWrongTypeThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.booleanValue("email_verified", true);
		assertThat(matcher.matches(Map.of("email_verified", "true"))).isFalse();
		assertThat(matcher.matches(Map.of("email_verified", 1))).isFalse();
		assertThat(matcher.matches(Map.of("email_verified", List.of(true)))).isFalse();
	}

	@Test
	void listContainsWhenListHasTheStringThenMatches() {
		assertThat(ClaimMatchers.listContains("groups", "admins").matches(Map.of("groups", List.of("dev", "admins"))))
			.isTrue();
	}

	@Test
	void listContainsWhenListLacksTheStringThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.listContains("groups", "admins");
		assertThat(matcher.matches(Map.of("groups", List.of("dev")))).isFalse();
		assertThat(matcher.matches(Map.of("groups", List.of()))).isFalse();
		assertThat(matcher.matches(Map.of("groups", List.of("admins-team")))).isFalse();
	}

	@Test
	void listContainsWhenMissingThenNoMatch() {
		assertThat(ClaimMatchers.listContains("groups", "admins").matches(Map.of())).isFalse();
	}

	@Test
	void listContainsWhenWrongTypeThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.listContains("groups", "admins");
		assertThat(matcher.matches(Map.of("groups", "admins"))).isFalse();
		assertThat(matcher.matches(Map.of("groups", Map.of("admins", true)))).isFalse();
		assertThat(ClaimMatchers.listContains("ids", "7").matches(Map.of("ids", List.of(7)))).isFalse();
	}

	@Test
	void regexMatchWhenWholeStringMatchesThenMatches() {
		assertThat(ClaimMatchers.regexMatch("email", ".*@solo\\.io").matches(Map.of("email", "alice@solo.io")))
			.isTrue();
	}

	@Test
	void regexMatchWhenOnlyPartOfTheStringMatchesThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.regexMatch("email", ".*@solo\\.io");
		assertThat(matcher.matches(Map.of("email", "alice@solo.io.evil.example"))).isFalse();
		assertThat(matcher.matches(Map.of("email", "alice@acme.io"))).isFalse();
	}

	@Test
	void regexMatchWhenMissingThenNoMatch() {
		assertThat(ClaimMatchers.regexMatch("email", ".*").matches(Map.of())).isFalse();
	}

	@Test
	void regexMatchWhenWrongTypeThenNoMatch() {
		ClaimMatcher matcher = ClaimMatchers.regexMatch("email", ".*");
		assertThat(matcher.matches(Map.of("email", List.of("alice@solo.io")))).isFalse();
		assertThat(matcher.matches(Map.of("email", 42))).isFalse();
	}

	@Test
	void regexMatchWhenExpressionInvalidThenExceptionAtCreation() {
		assertThatExceptionOfType(PatternSyntaxException.class)
			.isThrownBy(() -> ClaimMatchers.regexMatch("email", "(unclosed"));
	}

	@Test
	void matchersWhenNestedPathThenResolvedThroughObjects() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("admin")), "kubernetes.io",
				Map.of("namespace", "default"), "meta", Map.of("verified", true, "org", "solo.io"));
		assertThat(ClaimMatchers.listContains("realm_access.roles", "admin").matches(claims)).isTrue();
		assertThat(ClaimMatchers.booleanValue("meta.verified", true).matches(claims)).isTrue();
		assertThat(ClaimMatchers.exactString("meta.org", "solo.io").matches(claims)).isTrue();
		assertThat(ClaimMatchers.regexMatch("meta.org", "solo\\..*").matches(claims)).isTrue();
		assertThat(ClaimMatchers.listContains("realm_access.roles.admin", "admin").matches(claims)).isFalse();
		assertThat(ClaimMatchers.exactString("realm_access", "admin").matches(Map.of("realm_access", "admin")))
			.isTrue();
		assertThat(ClaimMatchers.listContains("realm_access.roles", "admin").matches(Map.of("realm_access", "x")))
			.isFalse();
	}

	@Test
	void matchersWhenUrlShapedClaimNameThenTopLevelClaimIsUsed() {
		Map<String, Object> claims = Map.of("https://example.com/roles", List.of("admin"),
				"https://example.com/org", "solo.io");
		assertThat(ClaimMatchers.listContains("https://example.com/roles", "admin").matches(claims)).isTrue();
		assertThat(ClaimMatchers.exactString("https://example.com/org", "solo.io").matches(claims)).isTrue();
		assertThat(ClaimMatchers.exactString("https://example.com/org", "acme").matches(claims)).isFalse();
	}

	@Test
	void matchersAreValuesWithEqualsHashCodeAndToString() {
		assertThat(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.isEqualTo(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.hasSameHashCodeAs(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.isNotEqualTo(ClaimMatchers.regexMatch("email", ".*"))
			.hasToString("email matches /.*@solo\\.io/");
		assertThat(ClaimMatchers.exactString("org", "solo.io")).isEqualTo(ClaimMatchers.exactString("org", "solo.io"))
			.isNotEqualTo(ClaimMatchers.listContains("org", "solo.io"))
			.hasToString("org == \"solo.io\"");
		assertThat(ClaimMatchers.listContains("groups", "admins")).hasToString("groups contains \"admins\"");
		assertThat(ClaimMatchers.booleanValue("email_verified", true)).hasToString("email_verified == true");
	}

	@Test
	void exactStringWhenPathEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimMatchers.exactString("", "x"))
			.withMessage("path cannot be empty");
	}

	@Test
	void exactStringWhenValueNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimMatchers.exactString("org", null))
			.withMessage("value cannot be null");
	}

	@Test
	void listContainsWhenValueNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimMatchers.listContains("groups", null))
			.withMessage("value cannot be null");
	}

	@Test
	void regexMatchWhenRegexNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimMatchers.regexMatch("email", null))
			.withMessage("value cannot be null");
	}

}
