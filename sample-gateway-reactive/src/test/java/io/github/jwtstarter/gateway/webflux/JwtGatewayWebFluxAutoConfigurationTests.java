package io.github.jwtstarter.gateway.webflux;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtGatewayWebFluxAutoConfiguration;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.reactive.JwtAuthenticationWebFilter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.cloud.gateway.config.GatewayAutoConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

import static io.github.jwtstarter.gateway.webflux.JwtGatewayPredicates.jwtClaim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT predicate and filter factories as Spring Cloud Gateway Server WebFlux builds
 * YAML routes from them: every shortcut and expanded form builds a route that matches on
 * the verified token of the reactive security context, and wrong arguments fail startup
 * naming the route, with the same messages as on Server Web MVC.
 */
class JwtGatewayWebFluxAutoConfigurationTests {

	private static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	private static final String ROUTE = "spring.cloud.gateway.server.webflux.routes[0].";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayWebFluxAutoConfiguration.class,
				SslAutoConfiguration.class, WebFluxAutoConfiguration.class, GatewayAutoConfiguration.class))
		.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
				"jwt.providers.kube.jwks.local=" + PEM, "jwt.providers.corp.issuer=https://corp.example.com",
				"jwt.providers.corp.jwks.local=" + PEM);

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
			.withPropertyValues(ROUTE + "id=under-test", ROUTE + "uri=http://127.0.0.1:9",
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
			.withPropertyValues(ROUTE + "id=under-test", ROUTE + "uri=http://127.0.0.1:9",
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
	void jwtAuthenticatedExpandedFormNeedsNoArguments() {
		this.contextRunner
			.withPropertyValues(ROUTE + "id=under-test", ROUTE + "uri=http://127.0.0.1:9",
					ROUTE + "predicates[0].name=JwtAuthenticated")
			.run((context) -> assertThat(matches(context, token("corp", Map.of()))).isTrue());
	}

	@Test
	void predicatesReadTheStartersExchangeAttributeWithoutASecurityContext() {
		routeWith("JwtClaim=org,solo.io").run((context) -> {
			ServerWebExchange exchange = exchange("/greeting");
			exchange.getAttributes()
				.put(JwtAuthenticationWebFilter.AUTHENTICATION_ATTRIBUTE, token("kube", Map.of("org", "solo.io")));
			assertThat(Mono.from(route(context).getPredicate().apply(exchange)).block()).isTrue();
		});
	}

	@Test
	void predicatesCombineWithTheGatewaysOwn() {
		routeWith("Path=/greeting", "JwtClaim=org,solo.io").run((context) -> {
			assertThat(matches(context, token("kube", Map.of("org", "solo.io")))).isTrue();
			assertThat(matches(context, "/other", token("kube", Map.of("org", "solo.io")))).isFalse();
		});
	}

	@Test
	void jwtClaimsToHeadersShortcutReplacesClientSentHeadersWithClaims() {
		routeWith("Path=/a").withPropertyValues(ROUTE + "filters[0]=JwtClaimsToHeaders=org:x-company,sub:x-user")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, token("kube", Map.of("org", "solo.io")));
				assertThat(forwarded.getRequest().getHeaders().get("x-company")).containsExactly("solo.io");
				assertThat(forwarded.getRequest().getHeaders().get("x-user")).containsExactly("alice");
			});
	}

	@Test
	void jwtClaimsToHeadersExpandedFormTakesACommaSeparatedList() {
		routeWith("Path=/a")
			.withPropertyValues(ROUTE + "filters[0].name=JwtClaimsToHeaders",
					ROUTE + "filters[0].args.mappings=org:x-company,sub:x-user")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, token("kube", Map.of("org", "solo.io")));
				assertThat(forwarded.getRequest().getHeaders().get("x-company")).containsExactly("solo.io");
				assertThat(forwarded.getRequest().getHeaders().get("x-user")).containsExactly("alice");
			});
	}

	@Test
	void jwtClaimsToHeadersOnlyRemovesClientSentHeadersWithoutAVerifiedToken() {
		routeWith("Path=/a").withPropertyValues(ROUTE + "filters[0]=JwtClaimsToHeaders=org:x-company")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, null);
				assertThat(forwarded.getRequest().getHeaders().containsHeader("x-company")).isFalse();
			});
	}

	@Test
	void jwtClaimWithOneArgumentFailsStartupNamingTheRoute() {
		routeWith("JwtClaim=org").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("spring.cloud.gateway.server.webflux.routes[0] (id 'under-test') predicates[0]")
			.hasMessageContaining("JwtClaim takes 2 arguments (claim, value) but got 1 [org]")
			.hasMessageContaining("JwtClaim=org,solo.io"));
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
	void jwtProviderNamingAnUnknownProviderFailsStartup() {
		routeWith("JwtProvider=partner").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("(id 'under-test')")
			.hasMessageContaining("provider 'partner', which is not configured")
			.hasMessageContaining("jwt.providers"));
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
	void jwtClaimsToHeadersWithoutAHeaderFailsStartupNamingTheRoute() {
		routeWith("Path=/a").withPropertyValues(ROUTE + "filters[0]=JwtClaimsToHeaders=org")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("(id 'under-test') filters[0]")
				.hasMessageContaining("mapping 'org' is not claim:header"));
	}

	@Test
	void javaDslRoutesUseThePredicates() {
		this.contextRunner.withUserConfiguration(JavaDslRoutes.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Route canary = context.getBean("canaryRoutes", RouteLocator.class).getRoutes().blockFirst();
			assertThat(test(canary, "/greeting", token("kube", Map.of("org", "solo.io")))).isTrue();
			assertThat(test(canary, "/other", token("kube", Map.of("org", "solo.io")))).isFalse();
			assertThat(test(canary, "/greeting", token("kube", Map.of("org", "acme")))).isFalse();
			assertThat(canary.getFilters()).singleElement()
				.asString()
				.contains("JwtClaimsToHeaders [ClaimHeader[claim=sub, header=x-user]]");
		});
	}

	@Test
	void factoriesAreRegisteredWithTheGatewayUnderTheMvcNames() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeansOfType(RoutePredicateFactory.class).values()).map(RoutePredicateFactory::name)
				.contains("JwtClaim", "JwtClaimRegex", "JwtProvider", "JwtAuthority", "JwtAuthenticated");
			assertThat(context.getBean(JwtClaimsToHeadersGatewayFilterFactory.class).name())
				.isEqualTo("JwtClaimsToHeaders");
		});
	}

	@Test
	void userFactoryReplacesTheStartersOwn() {
		this.contextRunner.withUserConfiguration(UserFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(JwtClaimRoutePredicateFactory.class);
			assertThat(context).hasBean("userClaimFactory");
			assertThat(context).doesNotHaveBean("jwtClaimRoutePredicateFactory");
		});
	}

	@Test
	void nothingIsRegisteredWithoutTheGateway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RoutePredicateFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtClaimRoutePredicateFactory.class)
				.doesNotHaveBean(JwtClaimsToHeadersGatewayFilterFactory.class));
	}

	@Test
	void nothingIsRegisteredWhenTheGatewayIsDisabled() {
		this.contextRunner.withPropertyValues("spring.cloud.gateway.server.webflux.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtClaimRoutePredicateFactory.class));
	}

	@Test
	void nothingIsRegisteredWithoutProviders() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtClaimRoutePredicateFactory.class));
	}

	private ReactiveWebApplicationContextRunner routeWith(String... predicates) {
		ReactiveWebApplicationContextRunner runner = this.contextRunner.withPropertyValues(ROUTE + "id=under-test",
				ROUTE + "uri=http://127.0.0.1:9");
		for (int i = 0; i < predicates.length; i++) {
			runner = runner.withPropertyValues(ROUTE + "predicates[" + i + "]=" + predicates[i]);
		}
		return runner;
	}

	private static boolean matches(AssertableReactiveWebApplicationContext context,
			ProviderJwtAuthenticationToken authentication) {
		return matches(context, "/greeting", authentication);
	}

	private static boolean matches(AssertableReactiveWebApplicationContext context, String path,
			ProviderJwtAuthenticationToken authentication) {
		assertThat(context).hasNotFailed();
		return test(route(context), path, authentication);
	}

	private static Route route(AssertableReactiveWebApplicationContext context) {
		return context.getBean(RouteLocator.class)
			.getRoutes()
			.filter((route) -> route.getId().equals("under-test"))
			.blockFirst();
	}

	private static boolean test(Route route, String path, Authentication authentication) {
		Mono<Boolean> result = Mono.from(route.getPredicate().apply(exchange(path)));
		return ((authentication != null)
				? result.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication)) : result)
			.block();
	}

	private static ServerWebExchange filtered(AssertableReactiveWebApplicationContext context,
			Authentication authentication) {
		assertThat(context).hasNotFailed();
		GatewayFilter filter = route(context).getFilters().get(0);
		AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
		ServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/a").header("x-company", "evil").header("x-user", "root"));
		Mono<Void> filtering = filter.filter(exchange, (shaped) -> {
			forwarded.set(shaped);
			return Mono.empty();
		});
		((authentication != null)
				? filtering.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication)) : filtering)
			.block();
		return forwarded.get();
	}

	private static ServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

	private static ProviderJwtAuthenticationToken token(String provider, Map<String, Object> claims,
			String... authorities) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.claims((all) -> all.putAll(claims))
			.build();
		return new ProviderJwtAuthenticationToken(jwt,
				Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList(), "alice", provider);
	}

	@Configuration(proxyBeanMethods = false)
	static class JavaDslRoutes {

		@Bean
		RouteLocator canaryRoutes(RouteLocatorBuilder routes) {
			return routes.routes()
				.route("greeting-canary",
						(r) -> r.path("/greeting")
							.and()
							.asyncPredicate(jwtClaim("org", "solo.io"))
							.filters((f) -> f.filter(new JwtClaimsToHeadersGatewayFilterFactory()
								.apply((c) -> c.setMappings(List.of("sub:x-user")))))
							.uri("http://127.0.0.1:9"))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactory {

		@Bean
		JwtClaimRoutePredicateFactory userClaimFactory() {
			return new JwtClaimRoutePredicateFactory();
		}

	}

}
