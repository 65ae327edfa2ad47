package io.github.jwtstarter.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.gateway.mvc.JwtGatewayFilterFunctions;
import io.github.jwtstarter.gateway.mvc.JwtGatewayRequestPredicates;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration;
import org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration;
import org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration;
import org.springframework.cloud.gateway.server.mvc.predicate.PredicateSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static io.github.jwtstarter.gateway.mvc.JwtGatewayFilterFunctions.jwtClaimsToHeaders;
import static io.github.jwtstarter.gateway.mvc.JwtGatewayRequestPredicates.jwtClaim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

/**
 * The JWT predicates and filter as the gateway discovers them for YAML routes: every
 * shortcut and expanded form builds a route that matches on the verified token in the
 * security context, and wrong arguments fail startup naming the route.
 */
class JwtGatewayMvcAutoConfigurationTests {

	private static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	private static final String ROUTE = "spring.cloud.gateway.server.webmvc.routes[0].";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayMvcAutoConfiguration.class,
				RestClientAutoConfiguration.class, GatewayServerMvcAutoConfiguration.class,
				FilterAutoConfiguration.class, HandlerFunctionAutoConfiguration.class,
				PredicateAutoConfiguration.class))
		.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
				"jwt.providers.kube.jwks.local=" + PEM, "jwt.providers.corp.issuer=https://corp.example.com",
				"jwt.providers.corp.jwks.local=" + PEM);

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void jwtClaimShortcutMatchesTheClaimOrAListElement() {
		routeWith("JwtClaim=org,solo.io").run((context) -> {
			assertThat(matches(context, token("kube", Map.of("org", "solo.io")))).isTrue();
			assertThat(matches(context, token("kube", Map.of("org", List.of("acme", "solo.io"))))).isTrue();
			assertThat(matches(context, token("kube", Map.of("org", "acme")))).isFalse();
			assertThat(matches(context, null)).isFalse();
		});
	}

	@Test
	void jwtClaimExpandedFormMatchesTheClaim() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=canary", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0].name=JwtClaim", ROUTE + "predicates[0].args.claim=org",
					ROUTE + "predicates[0].args.value=solo.io")
			.run((context) -> {
				assertThat(matches(context, token("kube", Map.of("org", "solo.io")))).isTrue();
				assertThat(matches(context, token("kube", Map.of("org", "acme")))).isFalse();
			});
	}

	@Test
	void jwtClaimRegexShortcutMatchesTheWholeValue() {
		routeWith("JwtClaimRegex=email,.*@solo\\.io").run((context) -> {
			assertThat(matches(context, token("kube", Map.of("email", "alice@solo.io")))).isTrue();
			assertThat(matches(context, token("kube", Map.of("email", "alice@solo.io.evil")))).isFalse();
			assertThat(matches(context, token("kube", Map.of("email", "alice@soloxio")))).isFalse();
		});
	}

	@Test
	void jwtClaimRegexExpandedFormTakesARegexWithCommas() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=short-names", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0].name=JwtClaimRegex", ROUTE + "predicates[0].args.claim=sub",
					ROUTE + "predicates[0].args.regex=[a-z]{1,3}")
			.run((context) -> {
				assertThat(matches(context, token("kube", Map.of("sub", "bob")))).isTrue();
				assertThat(matches(context, token("kube", Map.of("sub", "alice")))).isFalse();
			});
	}

	@Test
	void jwtProviderShortcutMatchesTheVerifyingProvider() {
		routeWith("JwtProvider=kube").run((context) -> {
			assertThat(matches(context, token("kube", Map.of()))).isTrue();
			assertThat(matches(context, token("corp", Map.of()))).isFalse();
		});
	}

	@Test
	void jwtAuthorityShortcutMatchesAMappedAuthority() {
		routeWith("JwtAuthority=SCOPE_pets.read").run((context) -> {
			assertThat(matches(context, token("kube", Map.of(), "SCOPE_pets.read"))).isTrue();
			assertThat(matches(context, token("kube", Map.of(), "SCOPE_pets.write"))).isFalse();
		});
	}

	@Test
	void jwtAuthenticatedShortcutMatchesAnyVerifiedToken() {
		routeWith("JwtAuthenticated=").run((context) -> {
			assertThat(matches(context, token("corp", Map.of()))).isTrue();
			assertThat(matches(context, null)).isFalse();
		});
	}

	@Test
	void jwtAuthenticatedShortcutWithoutEqualsSignIsRejectedByTheGateway() {
		routeWith("JwtAuthenticated").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("must be of the form name=value"));
	}

	@Test
	void jwtAuthenticatedExpandedFormNeedsNoArguments() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=any", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0].name=JwtAuthenticated")
			.run((context) -> assertThat(matches(context, token("corp", Map.of()))).isTrue());
	}

	@Test
	void predicatesCombineWithTheGatewaysOwn() {
		routeWith("Path=/greeting", "JwtClaim=org,solo.io").run((context) -> {
			assertThat(matches(context, token("kube", Map.of("org", "solo.io")))).isTrue();
			assertThat(matches(context, "/other", token("kube", Map.of("org", "solo.io")))).isFalse();
		});
	}

	@Test
	void jwtClaimsToHeadersShortcutAndExpandedFormsBuildTheirRoutes() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=shortcut", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0]=Path=/a", ROUTE + "filters[0]=JwtClaimsToHeaders=org:x-company,sub:x-user",
					"spring.cloud.gateway.server.webmvc.routes[1].id=expanded",
					"spring.cloud.gateway.server.webmvc.routes[1].uri=http://127.0.0.1:9",
					"spring.cloud.gateway.server.webmvc.routes[1].predicates[0]=Path=/b",
					"spring.cloud.gateway.server.webmvc.routes[1].filters[0].name=JwtClaimsToHeaders",
					"spring.cloud.gateway.server.webmvc.routes[1].filters[0].args.mappings=org:x-company,sub:x-user")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(matches(context, "/a", null)).isTrue();
				assertThat(matches(context, "/b", null)).isTrue();
			});
	}

	@Test
	void jwtClaimWithOneArgumentFailsStartupNamingTheRoute() {
		routeWith("JwtClaim=org").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("spring.cloud.gateway.server.webmvc.routes[0] (id 'under-test') predicates[0]")
			.hasMessageContaining("JwtClaim takes 2 arguments (claim, value) but got 1 [org]")
			.hasMessageContaining("JwtClaim=org,solo.io"));
	}

	@Test
	void jwtClaimWithThreeArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtClaim=org,solo.io,acme").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("but got 3"));
	}

	@Test
	void jwtClaimRegexWithACommaInTheShortcutFailsStartupPointingToTheExpandedForm() {
		routeWith("JwtClaimRegex=sub,[a-z]{1,3}").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("JwtClaimRegex takes 2 arguments (claim, regex) but got 3")
			.hasMessageContaining("needs the expanded form"));
	}

	@Test
	void jwtClaimRegexThatDoesNotCompileFailsStartupNamingTheRoute() {
		routeWith("JwtClaimRegex=email,(unclosed").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("regex that does not compile"));
	}

	@Test
	void jwtProviderWithoutArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtProvider=").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("JwtProvider takes 1 argument (provider) but got 0"));
	}

	@Test
	void jwtProviderNamingAnUnknownProviderFailsStartup() {
		routeWith("JwtProvider=partner").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("provider 'partner', which is not configured")
			.hasMessageContaining("jwt.providers"));
	}

	@Test
	void jwtAuthorityWithTwoArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtAuthority=SCOPE_a,SCOPE_b").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("JwtAuthority takes 1 argument (authority) but got 2"));
	}

	@Test
	void jwtAuthenticatedWithAnArgumentFailsStartupNamingTheRoute() {
		routeWith("JwtAuthenticated=kube").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("JwtAuthenticated takes no arguments but got 1"));
	}

	@Test
	void expandedFormWithAWrongArgumentNameFailsStartupNamingTheRoute() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=typo", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0].name=JwtClaim", ROUTE + "predicates[0].args.name=org",
					ROUTE + "predicates[0].args.value=solo.io")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("(id 'typo')")
				.hasMessageContaining("but got args [name, value]"));
	}

	@Test
	void routesMapEntriesAreCheckedByTheirKey() {
		this.contextRunner
			.withPropertyValues("spring.cloud.gateway.server.webmvc.routes-map.canary.uri=http://127.0.0.1:9",
					"spring.cloud.gateway.server.webmvc.routes-map.canary.predicates[0]=JwtClaim=org")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.gateway.server.webmvc.routes-map.canary (id 'canary')"));
	}

	@Test
	void jwtClaimsToHeadersWithoutAHeaderFailsStartupNamingTheRoute() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=headers", ROUTE + "uri=http://127.0.0.1:9", ROUTE + "predicates[0]=Path=/a",
					ROUTE + "filters[0]=JwtClaimsToHeaders=org")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("(id 'headers') filters[0]")
				.hasMessageContaining("mapping 'org' is not claim:header"));
	}

	@Test
	void jwtClaimsToHeadersWithoutMappingsFailsStartupNamingTheRoute() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=headers", ROUTE + "uri=http://127.0.0.1:9", ROUTE + "predicates[0]=Path=/a",
					ROUTE + "filters[0]=JwtClaimsToHeaders=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("(id 'headers') filters[0]")
				.hasMessageContaining("needs at least one claim:header mapping"));
	}

	@Test
	void javaDslRoutesUseThePredicatesAndTheFilter() {
		this.contextRunner.withUserConfiguration(JavaDslRoutes.class).run((context) -> {
			assertThat(context).hasNotFailed();
			RouterFunction<?> canary = context.getBean("canaryRoute", RouterFunction.class);
			SecurityContextHolder.getContext().setAuthentication(token("kube", Map.of("org", "solo.io")));
			assertThat(canary.route(request("/greeting"))).isPresent();
			assertThat(canary.route(request("/other"))).isEmpty();
			SecurityContextHolder.getContext().setAuthentication(token("kube", Map.of("org", "acme")));
			assertThat(canary.route(request("/greeting"))).isEmpty();
		});
	}

	@Test
	void suppliersAreRegisteredWithTheGateway() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JwtGatewayRequestPredicates.PredicateSupplier.class);
			assertThat(context).hasSingleBean(JwtGatewayFilterFunctions.FilterSupplier.class);
		});
	}

	@Test
	void userSuppliersReplaceTheStartersOwn() {
		this.contextRunner.withUserConfiguration(UserSuppliers.class).run((context) -> {
			assertThat(context).hasSingleBean(JwtGatewayRequestPredicates.PredicateSupplier.class);
			assertThat(context).hasBean("userPredicates");
			assertThat(context).doesNotHaveBean("jwtGatewayRequestPredicateSupplier");
		});
	}

	@Test
	void nothingIsRegisteredWithoutTheGateway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PredicateSupplier.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtGatewayRequestPredicates.PredicateSupplier.class);
				assertThat(context).doesNotHaveBean(JwtGatewayFilterFunctions.FilterSupplier.class);
			});
	}

	@Test
	void nothingIsRegisteredWithoutProviders() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayMvcAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtGatewayRequestPredicates.PredicateSupplier.class));
	}

	private WebApplicationContextRunner routeWith(String... predicates) {
		WebApplicationContextRunner runner = this.contextRunner.withPropertyValues(ROUTE + "id=under-test",
				ROUTE + "uri=http://127.0.0.1:9");
		for (int i = 0; i < predicates.length; i++) {
			runner = runner.withPropertyValues(ROUTE + "predicates[" + i + "]=" + predicates[i]);
		}
		return runner;
	}

	private static boolean matches(AssertableWebApplicationContext context,
			ProviderJwtAuthenticationToken authentication) {
		return matches(context, "/greeting", authentication);
	}

	@SuppressWarnings("unchecked")
	private static boolean matches(AssertableWebApplicationContext context, String path,
			ProviderJwtAuthenticationToken authentication) {
		assertThat(context).hasNotFailed();
		SecurityContextHolder.clearContext();
		if (authentication != null) {
			SecurityContextHolder.getContext().setAuthentication(authentication);
		}
		RouterFunction<?> routes = context.getBean("gatewayCompositeRouterFunction", RouterFunction.class);
		return routes.route(request(path)).isPresent();
	}

	private static ServerRequest request(String path) {
		return ServerRequest.create(new MockHttpServletRequest("GET", path), List.of());
	}

	private static ProviderJwtAuthenticationToken token(String provider, Map<String, Object> claims,
			String... authorities) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
		return new ProviderJwtAuthenticationToken(jwt,
				java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList(), "alice", provider);
	}

	@Configuration(proxyBeanMethods = false)
	static class JavaDslRoutes {

		@Bean
		RouterFunction<ServerResponse> canaryRoute() {
			return route("greeting-canary")
				.route(path("/greeting").and(jwtClaim("org", "solo.io")), http())
				.before(uri("http://127.0.0.1:9"))
				.filter(jwtClaimsToHeaders("sub:x-user"))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSuppliers {

		@Bean
		JwtGatewayRequestPredicates.PredicateSupplier userPredicates() {
			return new JwtGatewayRequestPredicates.PredicateSupplier();
		}

	}

}
