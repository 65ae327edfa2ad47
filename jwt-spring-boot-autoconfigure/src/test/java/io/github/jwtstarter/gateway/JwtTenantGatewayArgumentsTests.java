package io.github.jwtstarter.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The arguments of the {@code JwtTenant} route predicate, checked as the other JWT
 * predicates' are ({@link JwtGatewayArguments}).
 */
class JwtTenantGatewayArgumentsTests {

	private static final String ROUTE = "route 'orders'";

	@Test
	void checkPredicateWhenOneValidTenantThenPasses() {
		assertThatNoException().isThrownBy(() -> {
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtTenant", Map.of("_genkey_0", "acme"));
			JwtGatewayArguments.checkPredicate(ROUTE, "JwtTenant", Map.of("tenant", "9188040d-6c67-4c5b"));
		});
	}

	@Test
	void checkPredicateWhenCountIsWrongThenNamesRoutePredicateAndFix() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtTenant",
					Map.of("_genkey_0", "acme", "_genkey_1", "globex")))
			.withMessageContaining(ROUTE)
			.withMessageContaining("JwtTenant takes 1 argument (tenant)")
			.withMessageContaining("JwtTenant=acme");
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtTenant", Map.of("realm", "acme")))
			.withMessageContaining("with args [tenant]");
	}

	@Test
	void checkPredicateWhenNotAValidTenantThenNamesRouteAndFix() {
		assertThatIllegalStateException()
			.isThrownBy(() -> JwtGatewayArguments.checkPredicate(ROUTE, "JwtTenant", Map.of("_genkey_0", "acme/x")))
			.withMessageContaining(ROUTE)
			.withMessageContaining("'acme/x', which is not a valid tenant");
	}

}
