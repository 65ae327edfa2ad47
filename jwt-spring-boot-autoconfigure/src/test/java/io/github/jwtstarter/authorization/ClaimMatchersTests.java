package io.github.jwtstarter.authorization;

import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import io.github.jwtstarter.jwt.ClaimComparison;
import io.github.jwtstarter.jwt.ClaimCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The RBAC matcher factories are the claim conditions of the shared vocabulary (their
 * semantics are tested once, in {@code ClaimConditionTests}).
 */
class ClaimMatchersTests {

	private static final Map<String, Object> CLAIMS = Map.of("org", "solo.io", "level", 42L, "verified", true, "groups",
			List.of("dev", "admins"), "email", "alice@solo.io");

	@Test
	void eachFactoryIsTheClaimConditionOfItsComparison() {
		assertThat(ClaimMatchers.text("level", "42"))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("level", ClaimComparison.TEXT, "42")));
		assertThat(ClaimMatchers.typedEquals("level", "42"))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("level", ClaimComparison.TYPED_EQUALS, "42")));
		assertThat(ClaimMatchers.exactString("org", "solo.io"))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("org", ClaimComparison.EXACT_STRING, "solo.io")));
		assertThat(ClaimMatchers.booleanValue("verified", true))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("verified", ClaimComparison.BOOLEAN, "true")));
		assertThat(ClaimMatchers.listContains("groups", "admins"))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("groups", ClaimComparison.LIST_CONTAINS, "admins")));
		assertThat(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.isEqualTo(ClaimMatchers.of(ClaimCondition.of("email", ClaimComparison.REGEX_MATCH, ".*@solo\\.io")));
	}

	@Test
	void matchersAnswerAsTheirConditions() {
		assertThat(ClaimMatchers.text("level", "42").matches(CLAIMS)).isTrue();
		assertThat(ClaimMatchers.exactString("level", "42").matches(CLAIMS)).isFalse();
		assertThat(ClaimMatchers.booleanValue("verified", true).matches(CLAIMS)).isTrue();
		assertThat(ClaimMatchers.listContains("groups", "admins").matches(CLAIMS)).isTrue();
		assertThat(ClaimMatchers.regexMatch("email", ".*@solo\\.io").matches(CLAIMS)).isTrue();
		assertThat(ClaimMatchers.text("missing", "x").matches(CLAIMS)).isFalse();
	}

	@Test
	void matchersAreValuesWithTheConditionsToString() {
		assertThat(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.hasSameHashCodeAs(ClaimMatchers.regexMatch("email", ".*@solo\\.io"))
			.isNotEqualTo(ClaimMatchers.regexMatch("email", ".*"))
			.hasToString("email regex-match \".*@solo\\.io\"");
		assertThat(ClaimMatchers.booleanValue("email_verified", true)).hasToString("email_verified boolean \"true\"");
	}

	@Test
	void regexMatchWhenRegexDoesNotCompileThenException() {
		assertThatExceptionOfType(PatternSyntaxException.class)
			.isThrownBy(() -> ClaimMatchers.regexMatch("email", "(unclosed"));
	}

	@Test
	void ofWhenConditionNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimMatchers.of(null))
			.withMessage("condition cannot be null");
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
