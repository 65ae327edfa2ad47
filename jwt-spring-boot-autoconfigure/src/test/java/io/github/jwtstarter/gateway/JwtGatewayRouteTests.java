package io.github.jwtstarter.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML route scenarios that hold on both Spring Cloud Gateway flavours, written once:
 * every shortcut and expanded form of the JWT predicates builds a route that matches on
 * the verified token, and wrong arguments fail startup naming the route, with the same
 * messages. {@code JwtGatewayMvcAutoConfigurationTests} (Server Web MVC) and
 * {@code JwtGatewayWebFluxAutoConfigurationTests} (Server WebFlux, in
 * {@code sample-gateway-reactive}, since one class path holds one flavour) run them and
 * add what is particular to their flavour.
 *
 * @param <R> the context runner of the flavour
 * @param <C> the application context type
 * @param <A> the assertable context type
 */
public abstract class JwtGatewayRouteTests<R extends AbstractApplicationContextRunner<R, C, A>, C extends ConfigurableApplicationContext, A extends ApplicationContextAssertProvider<C>> {

	/**
	 * A public key for the {@code kube} and {@code corp} providers of the context runner.
	 */
	protected static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	/**
	 * The properties of two providers, {@code kube} and {@code corp}.
	 */
	protected static final String[] PROVIDERS = { "jwt.providers.kube.issuer=kubernetes/serviceaccount",
			"jwt.providers.kube.jwks.local=" + PEM, "jwt.providers.corp.issuer=https://corp.example.com",
			"jwt.providers.corp.jwks.local=" + PEM };

	/**
	 * Returns the context runner of the flavour, with the gateway, the starter and
	 * {@link #PROVIDERS}.
	 * @return the runner
	 */
	protected abstract R contextRunner();

	/**
	 * Returns the flavour's route list property, e.g.
	 * {@code spring.cloud.gateway.server.webmvc.routes}.
	 * @return the property name
	 */
	protected abstract String routesProperty();

	/**
	 * Returns whether the route with id {@code under-test} matches a {@code GET} of the
	 * path for a caller with the given authentication.
	 * @param context the started context
	 * @param path the request path
	 * @param authentication the verified token, {@code null} for an anonymous request
	 * @return whether the route matches
	 */
	protected abstract boolean matches(A context, String path, @Nullable ProviderJwtAuthenticationToken authentication);

	/**
	 * Returns the prefix of the first route's properties.
	 * @return e.g. {@code spring.cloud.gateway.server.webmvc.routes[0].}
	 */
	protected final String routePrefix() {
		return routesProperty() + "[0].";
	}

	/**
	 * Returns the runner with a route {@code under-test} of the given predicates.
	 * @param predicates the predicates in shortcut form
	 * @return the runner
	 */
	protected final R routeWith(String... predicates) {
		R runner = contextRunner().withPropertyValues(routePrefix() + "id=under-test",
				routePrefix() + "uri=http://127.0.0.1:9");
		for (int i = 0; i < predicates.length; i++) {
			runner = runner.withPropertyValues(routePrefix() + "predicates[" + i + "]=" + predicates[i]);
		}
		return runner;
	}

	/**
	 * Returns the runner with a route {@code under-test} given in expanded form.
	 * @param properties the route's properties after {@link #routePrefix()}
	 * @return the runner
	 */
	protected final R expandedRoute(String... properties) {
		R runner = contextRunner().withPropertyValues(routePrefix() + "id=under-test",
				routePrefix() + "uri=http://127.0.0.1:9");
		for (String property : properties) {
			runner = runner.withPropertyValues(routePrefix() + property);
		}
		return runner;
	}

	protected final boolean matches(A context, @Nullable ProviderJwtAuthenticationToken authentication) {
		return matches(context, "/greeting", authentication);
	}

	/**
	 * Returns a verified token as the starter's filters leave it.
	 * @param provider the id of the provider that verified it
	 * @param claims its claims (besides {@code sub: alice})
	 * @param authorities its authorities
	 * @return the authentication
	 */
	protected static ProviderJwtAuthenticationToken token(String provider, Map<String, Object> claims,
			String... authorities) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
		return new ProviderJwtAuthenticationToken(jwt,
				Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList(), "alice", provider);
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
		expandedRoute("predicates[0].name=JwtClaim", "predicates[0].args.claim=org", "predicates[0].args.value=solo.io")
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
		expandedRoute("predicates[0].name=JwtClaimRegex", "predicates[0].args.claim=sub",
				"predicates[0].args.regex=[a-z]{1,3}")
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
	void jwtAuthenticatedExpandedFormNeedsNoArguments() {
		expandedRoute("predicates[0].name=JwtAuthenticated")
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
	void jwtClaimWithOneArgumentFailsStartupNamingTheRoute() {
		routeWith("JwtClaim=org")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining(routesProperty() + "[0] (id 'under-test') predicates[0]")
				.hasMessageContaining("JwtClaim takes 2 arguments (claim, value) but got 1 [org]")
				.hasMessageContaining("JwtClaim=org,solo.io"));
	}

	@Test
	void jwtClaimRegexWithACommaInTheShortcutFailsStartupPointingToTheExpandedForm() {
		routeWith("JwtClaimRegex=sub,[a-z]{1,3}")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("JwtClaimRegex takes 2 arguments (claim, regex) but got 3")
				.hasMessageContaining("needs the expanded form"));
	}

	@Test
	void jwtClaimRegexThatDoesNotCompileFailsStartupNamingTheRoute() {
		routeWith("JwtClaimRegex=email,(unclosed")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("regex that does not compile"));
	}

	@Test
	void jwtProviderNamingAnUnknownProviderFailsStartup() {
		routeWith("JwtProvider=partner")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("provider 'partner', which is not configured")
				.hasMessageContaining("jwt.providers"));
	}

	@Test
	void jwtAuthenticatedWithAnArgumentFailsStartupNamingTheRoute() {
		routeWith("JwtAuthenticated=kube")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("JwtAuthenticated takes no arguments but got 1"));
	}

	@Test
	void expandedFormWithAWrongArgumentNameFailsStartupNamingTheRoute() {
		contextRunner()
			.withPropertyValues(routePrefix() + "id=typo", routePrefix() + "uri=http://127.0.0.1:9",
					routePrefix() + "predicates[0].name=JwtClaim", routePrefix() + "predicates[0].args.name=org",
					routePrefix() + "predicates[0].args.value=solo.io")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'typo')")
				.hasMessageContaining("but got args [name, value]"));
	}

	@Test
	void jwtClaimsToHeadersWithoutAHeaderFailsStartupNamingTheRoute() {
		routeWith("Path=/a").withPropertyValues(routePrefix() + "filters[0]=JwtClaimsToHeaders=org")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test') filters[0]")
				.hasMessageContaining("mapping 'org' is not claim:header"));
	}

}
