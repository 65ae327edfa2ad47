package io.github.jwtstarter.authentication;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter.Mapping;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClaimAuthoritiesConverterTests {

	static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("alice");
		claims.forEach(builder::claim);
		return builder.build();
	}

	static List<String> authorities(ClaimAuthoritiesConverter converter, Map<String, Object> claims) {
		Collection<GrantedAuthority> authorities = converter.convert(jwt(claims));
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

	static ClaimAuthoritiesConverter converter(String claim, String prefix, String delimiter) {
		return new ClaimAuthoritiesConverter(List.of(new Mapping(claim, prefix, delimiter)));
	}

	@Test
	void convertWhenStringClaimThenSplitByDelimiter() {
		assertThat(authorities(converter("scope", "SCOPE_", " "), Map.of("scope", "pets.read  pets.write ")))
			.containsExactly("SCOPE_pets.read", "SCOPE_pets.write");
		assertThat(authorities(converter("roles", "ROLE_", ","), Map.of("roles", "admin,user,,admin")))
			.containsExactly("ROLE_admin", "ROLE_user");
		assertThat(authorities(converter("roles", "ROLE_", "::"), Map.of("roles", "a::b"))).containsExactly("ROLE_a",
				"ROLE_b");
	}

	@Test
	void convertWhenEmptyDelimiterThenWholeStringIsOneAuthority() {
		assertThat(authorities(converter("role", "", ""), Map.of("role", "pet owner"))).containsExactly("pet owner");
	}

	@Test
	void convertWhenListClaimThenElementWiseWithoutSplitting() {
		assertThat(authorities(converter("roles", "ROLE_", " "), Map.of("roles", List.of("admin", "pet owner"))))
			.containsExactly("ROLE_admin", "ROLE_pet owner");
	}

	@Test
	void convertWhenNestedPathThenResolvedThroughObjects() {
		Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("admin")), "resource_access",
				Map.of("orders", Map.of("roles", List.of("reader"))));
		ClaimAuthoritiesConverter converter = new ClaimAuthoritiesConverter(
				List.of(new Mapping("realm_access.roles", "ROLE_", " "),
						new Mapping("resource_access.orders.roles", "ORDERS_", " ")));
		assertThat(authorities(converter, claims)).containsExactly("ROLE_admin", "ORDERS_reader");
	}

	@Test
	void convertWhenUrlShapedClaimNameThenTopLevelClaimIsUsed() {
		assertThat(authorities(converter("https://example.com/roles", "ROLE_", " "),
				Map.of("https://example.com/roles", List.of("admin"))))
			.containsExactly("ROLE_admin");
	}

	@Test
	void convertWhenTopLevelNameWithDotsExistsThenItWinsOverNesting() {
		Map<String, Object> claims = Map.of("realm_access.roles", List.of("top"), "realm_access",
				Map.of("roles", List.of("nested")));
		assertThat(authorities(converter("realm_access.roles", "", " "), claims)).containsExactly("top");
	}

	@Test
	void convertWhenWrongTypesThenIgnored() {
		ClaimAuthoritiesConverter converter = converter("roles", "ROLE_", " ");
		assertThat(authorities(converter, Map.of("roles", 42))).isEmpty();
		assertThat(authorities(converter, Map.of("roles", true))).isEmpty();
		assertThat(authorities(converter, Map.of("roles", Map.of("admin", true)))).isEmpty();
		assertThat(authorities(converter, Map.of("roles", List.of(1, false, Map.of("a", "b"), List.of("x"), "ok"))))
			.containsExactly("ROLE_ok");
		assertThat(authorities(converter("realm_access.roles", "", " "), Map.of("realm_access", "admin"))).isEmpty();
	}

	@Test
	void convertWhenClaimMissingThenNoAuthorities() {
		assertThat(authorities(converter("roles", "ROLE_", " "), Map.of("other", "x"))).isEmpty();
	}

	@Test
	void convertWhenSeveralMappingsThenAllApplyInOrderWithoutDuplicates() {
		ClaimAuthoritiesConverter converter = new ClaimAuthoritiesConverter(
				List.of(new Mapping("scope", "SCOPE_", " "), new Mapping("scp", "SCOPE_", " ")));
		assertThat(authorities(converter, Map.of("scope", "a b", "scp", List.of("b", "c")))).containsExactly("SCOPE_a",
				"SCOPE_b", "SCOPE_c");
	}

	@Test
	void scopesWhenDefaultThenScopeAndScpMapToScopePrefix() {
		assertThat(authorities(ClaimAuthoritiesConverter.scopes(), Map.of("scope", "a", "scp", List.of("b"))))
			.containsExactly("SCOPE_a", "SCOPE_b");
	}

	@Test
	void convertWhenHundredThousandDistinctElementsThenTruncatedAfterFewLookups() {
		AtomicInteger reads = new AtomicInteger();
		List<String> huge = new CountingList(100_000, reads, (i) -> "role" + i);
		List<String> authorities = authorities(converter("roles", "ROLE_", " "), Map.of("roles", huge));
		assertThat(authorities).hasSize(ClaimAuthoritiesConverter.MAX_AUTHORITIES)
			.startsWith("ROLE_role0", "ROLE_role1");
		assertThat(reads.get()).isLessThanOrEqualTo(ClaimAuthoritiesConverter.MAX_AUTHORITIES + 1);
	}

	@Test
	void convertWhenHundredThousandDuplicateOrUselessElementsThenOnlyAFewAreLookedAt() {
		AtomicInteger reads = new AtomicInteger();
		List<String> duplicates = new CountingList(100_000, reads, (i) -> "admin");
		assertThat(authorities(converter("roles", "ROLE_", " "), Map.of("roles", duplicates)))
			.containsExactly("ROLE_admin");
		assertThat(reads.get()).isLessThanOrEqualTo(1025);
		reads.set(0);
		List<String> blanks = new CountingList(100_000, reads, (i) -> "");
		assertThat(authorities(converter("roles", "ROLE_", " "), Map.of("roles", blanks))).isEmpty();
		assertThat(reads.get()).isLessThanOrEqualTo(1025);
	}

	@Test
	void convertWhenHugeStringClaimThenBounded() {
		String distinct = String.join(" ", new CountingList(100_000, new AtomicInteger(), (i) -> "s" + i));
		assertThat(authorities(converter("scope", "SCOPE_", " "), Map.of("scope", distinct)))
			.hasSize(ClaimAuthoritiesConverter.MAX_AUTHORITIES);
		String same = "a ".repeat(100_000) + "late";
		assertThat(authorities(converter("scope", "SCOPE_", " "), Map.of("scope", same))).containsExactly("SCOPE_a");
		String oneHugeValue = "x".repeat(1_000_000);
		assertThat(authorities(converter("scope", "SCOPE_", " "), Map.of("scope", oneHugeValue))).isEmpty();
	}

	@Test
	void convertWhenValueLongerThan256CharactersThenSkipped() {
		String longValue = "r".repeat(257);
		assertThat(authorities(converter("roles", "", " "), Map.of("roles", List.of(longValue, "r".repeat(256)))))
			.containsExactly("r".repeat(256));
	}

	@Test
	void constructorWhenMappingsNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimAuthoritiesConverter(null))
			.withMessage("mappings cannot be null");
	}

	@Test
	void mappingWhenClaimEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mapping(" ", "", " "))
			.withMessage("claim cannot be empty");
	}

	@Test
	void mappingWhenPrefixNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mapping("roles", null, " "))
			.withMessage("prefix cannot be null");
	}

	@Test
	void mappingWhenDelimiterNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mapping("roles", "", null))
			.withMessage("delimiter cannot be null");
	}

	/**
	 * A list that counts how many of its elements are read.
	 */
	static final class CountingList extends AbstractList<String> {

		private final int size;

		private final AtomicInteger reads;

		private final java.util.function.IntFunction<String> elements;

		CountingList(int size, AtomicInteger reads, java.util.function.IntFunction<String> elements) {
			this.size = size;
			this.reads = reads;
			this.elements = elements;
		}

		@Override
		public String get(int index) {
			this.reads.incrementAndGet();
			return this.elements.apply(index);
		}

		@Override
		public int size() {
			return this.size;
		}

	}

}
