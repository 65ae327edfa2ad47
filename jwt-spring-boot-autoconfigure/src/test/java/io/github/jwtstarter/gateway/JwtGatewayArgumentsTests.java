package io.github.jwtstarter.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.jwtstarter.shaping.ClaimHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class JwtGatewayArgumentsTests {

	private static final String ROUTE = "route 'canary'";

	@Test
	void checkPredicateWhenShortcutHasTheRightCountThenPasses() {
		assertThatNoException().isThrownBy(() -> {
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtClaim", shortcut("org", "solo.io"));
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtClaimRegex", shortcut("email", ".*@solo\\.io"));
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtProvider", shortcut("kube"));
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtAuthority", shortcut("SCOPE_pets.read"));
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtAuthenticated", shortcut());
		});
	}

	@Test
	void checkPredicateWhenNameIsUncapitalizedThenChecksItAsTheGatewayFindsIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "jwtClaim", shortcut("org")))
			.withMessageStartingWith("route 'canary': predicate JwtClaim takes 2 arguments");
	}

	@Test
	void checkPredicateWhenExpandedThenChecksTheArgumentNames() {
		assertThatNoException().isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtClaim",
				Map.of("claim", "org", "value", "solo.io")));
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtClaim", Map.of("claim", "org")))
			.withMessageContaining("but got args [claim]");
	}

	@Test
	void checkPredicateWhenCountIsWrongThenNamesRoutePredicateAndFix() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtProvider", shortcut("kube", "corp")))
			.withMessage("route 'canary': predicate JwtProvider takes 1 argument (provider) but got 2 [kube, corp]; "
					+ "write JwtProvider=kube or name: JwtProvider with args [provider]");
	}

	@Test
	void checkPredicateWhenRegexDoesNotCompileThenNamesRoute() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtClaimRegex", shortcut("email", "[")))
			.withMessageStartingWith("route 'canary': predicate JwtClaimRegex has a regex that does not compile");
	}

	@Test
	void checkPredicateWhenAnotherPredicateThenPasses() {
		assertThatNoException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "Header", shortcut("a", "b", "c")));
		assertThatNoException().isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, null, shortcut()));
	}

	@Test
	void checkFilterWhenMappingsAreValidThenPasses() {
		assertThatNoException().isThrownBy(() -> {
			JwtGatewayArguments.checkFilter(ROUTE, "JwtClaimsToHeaders", shortcut("org:x-company", "sub:x-user"));
			JwtGatewayArguments.checkFilter(ROUTE, "JwtClaimsToHeaders",
					Map.of("mappings", "org:x-company, sub:x-user"));
			JwtGatewayArguments.checkFilter(ROUTE, "AddRequestHeader", shortcut("x", "y"));
		});
	}

	@Test
	void checkFilterWhenNoMappingThenNamesRouteAndFix() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkFilter(ROUTE, "JwtClaimsToHeaders", shortcut()))
			.withMessageStartingWith(
					"route 'canary': filter JwtClaimsToHeaders needs at least one claim:header mapping")
			.withMessageContaining("JwtClaimsToHeaders=org:x-company,sub:x-user");
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkFilter(ROUTE, "JwtClaimsToHeaders", Map.of("headers", "a:b")))
			.withMessageContaining("needs at least one claim:header mapping");
	}

	@Test
	void checkFilterWhenMappingIsMalformedThenNamesRoute() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkFilter(ROUTE, "JwtClaimsToHeaders", shortcut("org:x company")))
			.withMessage("route 'canary': filter JwtClaimsToHeaders: mapping 'org:x company' is not claim:header with "
					+ "a valid header name; write it as e.g. org:x-company");
	}

	@Test
	void claimHeadersSplitsAtTheLastColon() {
		assertThat(JwtGatewayArguments.claimHeaders("org:x-company", "https://example.com/roles:x-roles"))
			.containsExactly(ClaimHeader.of("org", "x-company"),
					ClaimHeader.of("https://example.com/roles", "x-roles"));
	}

	@Test
	void claimHeadersWhenClaimOrHeaderMissingThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtGatewayArguments.claimHeaders(":x-company"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwtGatewayArguments.claimHeaders("org:"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwtGatewayArguments.claimHeaders("org"));
		assertThatIllegalArgumentException().isThrownBy(JwtGatewayArguments::claimHeaders);
	}

	private static Map<String, String> shortcut(String... values) {
		Map<String, String> args = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			args.put("_genkey_" + i, values[i]);
		}
		return args;
	}

}
