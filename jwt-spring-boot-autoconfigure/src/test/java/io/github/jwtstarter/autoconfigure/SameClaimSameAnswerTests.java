package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authorization.JwtClaimsExpressions;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.gateway.mvc.JwtGatewayRequestPredicates;
import io.github.jwtstarter.routing.servlet.JwtRequestMatchers;
import io.github.jwtstarter.test.TestAuthentications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.ServerRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same claim and value written in a gateway predicate ({@code JwtClaim} of Server Web
 * MVC; the Server WebFlux one is the same {@code JwtCondition.claim}), a request matcher,
 * an RBAC policy with the default matcher and {@code @jwt.hasClaim} give the same answer,
 * for string, numeric, boolean, list and object claims.
 */
class SameClaimSameAnswerTests {

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	static List<Object> claimValues() {
		return List.of("2", 2L, 2.5d, true, "true", false, List.of(1L, 2L), List.of("dev", "true"), "solo.io",
				Map.of("a", "b"));
	}

	static List<String> expectedValues() {
		return List.of("2", "2.5", "true", "false", "solo.io", "dev", "{\"a\":\"b\"}");
	}

	@Test
	void everySurfaceGivesTheSameAnswer() {
		for (Object claim : claimValues()) {
			for (String value : expectedValues()) {
				Authentication caller = TestAuthentications.authentication("corp", Map.of("c", claim));
				Map<String, Boolean> answers = answers(caller, value);
				assertThat(answers.values())
					.as("claim c = %s (%s), value '%s': %s", claim, claim.getClass().getSimpleName(), value, answers)
					.containsOnly(answers.get("@jwt.hasClaim"));
			}
		}
	}

	@Test
	void numbersAndBooleansMatchTheirTextEverywhere() {
		Authentication number = TestAuthentications.authentication("corp", Map.of("c", 2L));
		Authentication bool = TestAuthentications.authentication("corp", Map.of("c", true));
		assertThat(answers(number, "2").values()).containsOnly(true);
		assertThat(answers(bool, "true").values()).containsOnly(true);
		assertThat(answers(bool, "false").values()).containsOnly(false);
	}

	private Map<String, Boolean> answers(Authentication caller, String value) {
		Map<String, Boolean> answers = new LinkedHashMap<>();
		answers.put("@jwt.hasClaim", JwtClaimsExpressions.of(caller).hasClaim("c", value));
		answers.put("rbac", rbacPolicy(value).allows(caller));
		SecurityContextHolder.getContext().setAuthentication(caller);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		answers.put("JwtRequestMatchers.claim", JwtRequestMatchers.claim("c", value).matches(request));
		answers.put("gateway mvc JwtClaim", JwtGatewayRequestPredicates.jwtClaim("c", value)
			.test(ServerRequest.create(request, List.of(new StringHttpMessageConverter()))));
		SecurityContextHolder.clearContext();
		return answers;
	}

	private static RbacPolicy rbacPolicy(String value) {
		JwtProperties properties = new JwtProperties();
		JwtProperties.Principal principal = new JwtProperties.Principal();
		principal.getClaims().put("c", value);
		JwtProperties.Policy policy = new JwtProperties.Policy();
		policy.setPrincipals(new ArrayList<>(List.of(principal)));
		properties.getRbac().getPolicies().put("p", policy);
		return AccessPropertiesMapper.rbacPolicies(properties).get(0);
	}

}
