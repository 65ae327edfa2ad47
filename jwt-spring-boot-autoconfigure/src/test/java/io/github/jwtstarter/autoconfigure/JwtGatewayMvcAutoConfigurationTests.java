package io.github.jwtstarter.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.gateway.JwtGatewayRouteTests;
import io.github.jwtstarter.gateway.mvc.JwtGatewayFilterFunctions;
import io.github.jwtstarter.gateway.mvc.JwtGatewayRequestPredicates;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.NestedExceptionUtils;
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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.ConfigurableWebApplicationContext;
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
 * The JWT predicates and filter as Spring Cloud Gateway Server Web MVC discovers them for
 * YAML routes: the scenarios of both flavours ({@link JwtGatewayRouteTests}) on the
 * verified token in the security context, and what is particular to Server Web MVC.
 */
class JwtGatewayMvcAutoConfigurationTests extends
		JwtGatewayRouteTests<WebApplicationContextRunner, ConfigurableWebApplicationContext, AssertableWebApplicationContext> {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayMvcAutoConfiguration.class,
				RestClientAutoConfiguration.class, GatewayServerMvcAutoConfiguration.class,
				FilterAutoConfiguration.class, HandlerFunctionAutoConfiguration.class,
				PredicateAutoConfiguration.class))
		.withPropertyValues(PROVIDERS);

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void jwtAuthenticatedShortcutWithoutEqualsSignIsRejectedByTheGateway() {
		routeWith("JwtAuthenticated")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("must be of the form name=value"));
	}

	@Test
	void jwtClaimsToHeadersShortcutAndExpandedFormsBuildTheirRoutes() {
		contextRunner()
			.withPropertyValues(routePrefix() + "id=shortcut", routePrefix() + "uri=http://127.0.0.1:9",
					routePrefix() + "predicates[0]=Path=/a",
					routePrefix() + "filters[0]=JwtClaimsToHeaders=org:x-company,sub:x-user",
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
	void jwtClaimWithThreeArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtClaim=org,solo.io,acme")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("but got 3"));
	}

	@Test
	void jwtProviderWithoutArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtProvider=")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("JwtProvider takes 1 argument (provider) but got 0"));
	}

	@Test
	void jwtAuthorityWithTwoArgumentsFailsStartupNamingTheRoute() {
		routeWith("JwtAuthority=SCOPE_a,SCOPE_b")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'under-test')")
				.hasMessageContaining("JwtAuthority takes 1 argument (authority) but got 2"));
	}

	@Test
	void routesMapEntriesAreCheckedByTheirKey() {
		contextRunner()
			.withPropertyValues("spring.cloud.gateway.server.webmvc.routes-map.canary.uri=http://127.0.0.1:9",
					"spring.cloud.gateway.server.webmvc.routes-map.canary.predicates[0]=JwtClaim=org")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("spring.cloud.gateway.server.webmvc.routes-map.canary (id 'canary')"));
	}

	@Test
	void jwtClaimsToHeadersWithoutMappingsFailsStartupNamingTheRoute() {
		contextRunner()
			.withPropertyValues(routePrefix() + "id=headers", routePrefix() + "uri=http://127.0.0.1:9",
					routePrefix() + "predicates[0]=Path=/a", routePrefix() + "filters[0]=JwtClaimsToHeaders=")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("(id 'headers') filters[0]")
				.hasMessageContaining("needs at least one claim:header mapping"));
	}

	@Test
	void javaDslRoutesUseThePredicatesAndTheFilter() {
		contextRunner().withUserConfiguration(JavaDslRoutes.class).run((context) -> {
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
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(JwtGatewayRequestPredicates.PredicateSupplier.class);
			assertThat(context).hasSingleBean(JwtGatewayFilterFunctions.FilterSupplier.class);
		});
	}

	@Test
	void userSuppliersReplaceTheStartersOwn() {
		contextRunner().withUserConfiguration(UserSuppliers.class).run((context) -> {
			assertThat(context).hasSingleBean(JwtGatewayRequestPredicates.PredicateSupplier.class);
			assertThat(context).hasBean("userPredicates");
			assertThat(context).doesNotHaveBean("jwtGatewayRequestPredicateSupplier");
		});
	}

	@Test
	void nothingIsRegisteredWithoutTheGateway() {
		contextRunner().withClassLoader(new FilteredClassLoader(PredicateSupplier.class)).run((context) -> {
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

	@Override
	protected WebApplicationContextRunner contextRunner() {
		return this.contextRunner;
	}

	@Override
	protected String routesProperty() {
		return "spring.cloud.gateway.server.webmvc.routes";
	}

	@Override
	protected boolean matches(AssertableWebApplicationContext context, String path,
			@Nullable ProviderJwtAuthenticationToken authentication) {
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

	@Configuration(proxyBeanMethods = false)
	static class JavaDslRoutes {

		@Bean
		RouterFunction<ServerResponse> canaryRoute() {
			return route("greeting-canary").route(path("/greeting").and(jwtClaim("org", "solo.io")), http())
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
