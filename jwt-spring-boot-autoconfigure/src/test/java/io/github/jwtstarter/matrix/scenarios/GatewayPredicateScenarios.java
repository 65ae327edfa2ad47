package io.github.jwtstarter.matrix.scenarios;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.matrix.Flavour;
import io.github.jwtstarter.matrix.MatrixScenarios;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's JWT route predicates and filter through a real gateway to a real
 * upstream: {@code JwtClaim}, {@code JwtClaimRegex}, {@code JwtProvider},
 * {@code JwtAuthority} and {@code JwtAuthenticated} choose the route (each route adds an
 * {@code x-route} header the upstream records), and {@code JwtClaimsToHeaders} adds
 * claims as headers on its route. The same YAML runs on both gateway flavours; only the
 * routes property differs.
 */
class GatewayPredicateScenarios extends MatrixScenarios {

	static final RSAKey KEY = TestKeys.rsa("corp-1");

	static final String[][] ROUTES = { { "claim", "JwtClaim=org,solo.io" },
			{ "regex", "JwtClaimRegex=email,.+@acme\\.io" }, { "provider", "JwtProvider=kube" },
			{ "authority", "JwtAuthority=SCOPE_admin" }, { "authenticated", "JwtAuthenticated=" } };

	@Override
	protected Map<String, String> properties(Flavour flavour) {
		String routes = (flavour == Flavour.GATEWAY_MVC) ? "spring.cloud.gateway.server.webmvc.routes"
				: "spring.cloud.gateway.server.webflux.routes";
		Map<String, String> properties = pairs("jwt.providers.corp.issuer", "https://corp.example",
				"jwt.providers.corp.jwks.local", TestKeys.toPublicJwkSetJson(KEY), "jwt.providers.kube.issuer",
				"kubernetes/serviceaccount", "jwt.providers.kube.jwks.local", TestKeys.toPem(KEY),
				"jwt.routes[0].paths", "/anonymous/**", "jwt.routes[0].validation-policy", "allow-missing");
		for (int i = 0; i < ROUTES.length; i++) {
			String route = routes + "[" + i + "].";
			properties.put(route + "id", ROUTES[i][0]);
			properties.put(route + "uri", "${matrix.upstream}");
			properties.put(route + "predicates[0]", "Path=/**");
			properties.put(route + "predicates[1]", ROUTES[i][1]);
			properties.put(route + "filters[0]", "AddRequestHeader=x-route," + ROUTES[i][0]);
			if (ROUTES[i][0].equals("claim")) {
				properties.put(route + "filters[1]", "JwtClaimsToHeaders=sub:x-user");
			}
		}
		return properties;
	}

	static TestJwts corp() {
		return TestJwts.issuer("https://corp.example").subject("alice");
	}

	String routeOf(String token) {
		received().clear();
		assertOk(http().get("/greeting", token));
		return received().only().header("x-route").get(0);
	}

	@Test
	void jwtClaimRouteIsChosenAndItsFilterAddsTheClaim() {
		assertThat(routeOf(corp().claim("org", "solo.io").signWith(KEY))).isEqualTo("claim");
		assertThat(received().only().header("x-user")).containsExactly("alice");
		assertThat(routeOf(corp().claim("org", List.of("acme", "solo.io")).signWith(KEY))).isEqualTo("claim");
	}

	@Test
	void jwtClaimRegexMatchesTheWholeValue() {
		assertThat(routeOf(corp().claim("email", "bob@acme.io").signWith(KEY))).isEqualTo("regex");
		assertThat(routeOf(corp().claim("email", "bob@acme.io.evil").signWith(KEY))).isEqualTo("authenticated");
	}

	@Test
	void jwtProviderAndJwtAuthorityChooseTheirRoutes() {
		assertThat(routeOf(TestJwts.issuer("kubernetes/serviceaccount").subject("svc").signWith(KEY)))
			.isEqualTo("provider");
		assertThat(routeOf(corp().claim("scope", "read admin").signWith(KEY))).isEqualTo("authority");
		assertThat(routeOf(corp().claim("scope", "read").signWith(KEY))).isEqualTo("authenticated");
	}

	@Test
	void anonymousRequestMatchesNoJwtRouteAndIsNotForwarded() {
		assertThat(http().get("/anonymous/greeting").statusCode()).isEqualTo(404);
		received().assertNone();
	}

}
