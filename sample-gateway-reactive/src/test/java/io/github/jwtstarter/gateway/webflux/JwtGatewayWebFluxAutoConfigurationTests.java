package io.github.jwtstarter.gateway.webflux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.autoconfigure.JwtGatewayWebFluxAutoConfiguration;
import io.github.jwtstarter.gateway.JwtGatewayRouteTests;
import io.github.jwtstarter.web.reactive.JwtAuthentications;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.context.reactive.ConfigurableReactiveWebApplicationContext;
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
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import static io.github.jwtstarter.gateway.webflux.JwtGatewayPredicates.jwtClaim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT predicate and filter factories as Spring Cloud Gateway Server WebFlux builds
 * YAML routes from them: the scenarios of both flavours ({@link JwtGatewayRouteTests},
 * with the same messages as on Server Web MVC) on the verified token of the reactive
 * security context, and what is particular to Server WebFlux.
 */
class JwtGatewayWebFluxAutoConfigurationTests extends
		JwtGatewayRouteTests<ReactiveWebApplicationContextRunner, ConfigurableReactiveWebApplicationContext, AssertableReactiveWebApplicationContext> {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayWebFluxAutoConfiguration.class,
				SslAutoConfiguration.class, WebFluxAutoConfiguration.class, GatewayAutoConfiguration.class))
		.withPropertyValues(PROVIDERS);

	@Test
	void globalCorsSettingsBecomeSpringSecuritysCorsConfigurationUnlessTheApplicationHasOne() {
		String cors = "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].";
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CorsConfigurationSource.class));
		this.contextRunner.withPropertyValues(cors + "allowed-origins=https://spa.example.com").run((context) -> {
			CorsConfigurationSource source = context.getBean(CorsConfigurationSource.class);
			ServerWebExchange preflight = MockServerWebExchange
				.from(MockServerHttpRequest.options("/greeting").header("Origin", "https://spa.example.com"));
			assertThat(source.getCorsConfiguration(preflight).getAllowedOrigins())
				.containsExactly("https://spa.example.com");
		});
		this.contextRunner.withPropertyValues(cors + "allowed-origins=https://spa.example.com")
			.withBean("applicationCors", CorsConfigurationSource.class, () -> (exchange) -> null)
			.run((context) -> assertThat(context).getBeanNames(CorsConfigurationSource.class)
				.containsExactly("applicationCors"));
	}

	@Test
	void predicatesReadTheStartersExchangeAttributeWithoutASecurityContext() {
		routeWith("JwtClaim=org,solo.io").run((context) -> {
			ServerWebExchange exchange = exchange("/greeting");
			exchange.getAttributes()
				.put(JwtAuthentications.AUTHENTICATION_ATTRIBUTE, token("kube", Map.of("org", "solo.io")));
			assertThat(Mono.from(route(context).getPredicate().apply(exchange)).block()).isTrue();
		});
	}

	@Test
	void jwtClaimsToHeadersShortcutReplacesClientSentHeadersWithClaims() {
		routeWith("Path=/a")
			.withPropertyValues(routePrefix() + "filters[0]=JwtClaimsToHeaders=org:x-company,sub:x-user")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, token("kube", Map.of("org", "solo.io")));
				assertThat(forwarded.getRequest().getHeaders().get("x-company")).containsExactly("solo.io");
				assertThat(forwarded.getRequest().getHeaders().get("x-user")).containsExactly("alice");
			});
	}

	@Test
	void jwtClaimsToHeadersExpandedFormTakesACommaSeparatedList() {
		routeWith("Path=/a")
			.withPropertyValues(routePrefix() + "filters[0].name=JwtClaimsToHeaders",
					routePrefix() + "filters[0].args.mappings=org:x-company,sub:x-user")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, token("kube", Map.of("org", "solo.io")));
				assertThat(forwarded.getRequest().getHeaders().get("x-company")).containsExactly("solo.io");
				assertThat(forwarded.getRequest().getHeaders().get("x-user")).containsExactly("alice");
			});
	}

	@Test
	void jwtClaimsToHeadersOnlyRemovesClientSentHeadersWithoutAVerifiedToken() {
		routeWith("Path=/a").withPropertyValues(routePrefix() + "filters[0]=JwtClaimsToHeaders=org:x-company")
			.run((context) -> {
				ServerWebExchange forwarded = filtered(context, null);
				assertThat(forwarded.getRequest().getHeaders().containsHeader("x-company")).isFalse();
			});
	}

	@Test
	void javaDslRoutesUseThePredicates() {
		contextRunner().withUserConfiguration(JavaDslRoutes.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Route canary = context.getBean("canaryRoutes", RouteLocator.class).getRoutes().blockFirst();
			assertThat(test(canary, "/greeting", token("kube", Map.of("org", "solo.io")))).isTrue();
			assertThat(test(canary, "/other", token("kube", Map.of("org", "solo.io")))).isFalse();
			assertThat(test(canary, "/greeting", token("kube", Map.of("org", "acme")))).isFalse();
			assertThat(canary.getFilters()).singleElement().asString().contains("JwtClaimsToHeaders [sub:x-user]");
		});
	}

	@Test
	void factoriesAreRegisteredWithTheGatewayUnderTheMvcNames() {
		contextRunner().run((context) -> {
			assertThat(context.getBeansOfType(RoutePredicateFactory.class).values()).map(RoutePredicateFactory::name)
				.contains("JwtClaim", "JwtClaimRegex", "JwtProvider", "JwtAuthority", "JwtAuthenticated");
			assertThat(context.getBean(JwtClaimsToHeadersGatewayFilterFactory.class).name())
				.isEqualTo("JwtClaimsToHeaders");
		});
	}

	@Test
	void userFactoryReplacesTheStartersOwn() {
		contextRunner().withUserConfiguration(UserFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(JwtClaimRoutePredicateFactory.class);
			assertThat(context).hasBean("userClaimFactory");
			assertThat(context).doesNotHaveBean("jwtClaimRoutePredicateFactory");
		});
	}

	@Test
	void nothingIsRegisteredWithoutTheGateway() {
		contextRunner().withClassLoader(new FilteredClassLoader(RoutePredicateFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtClaimRoutePredicateFactory.class)
				.doesNotHaveBean(JwtClaimsToHeadersGatewayFilterFactory.class));
	}

	@Test
	void nothingIsRegisteredWhenTheGatewayIsDisabled() {
		contextRunner().withPropertyValues("spring.cloud.gateway.server.webflux.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtClaimRoutePredicateFactory.class));
	}

	@Test
	void nothingIsRegisteredWithoutProviders() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JwtAutoConfiguration.class, JwtGatewayWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtClaimRoutePredicateFactory.class));
	}

	@Override
	protected ReactiveWebApplicationContextRunner contextRunner() {
		return this.contextRunner;
	}

	@Override
	protected String routesProperty() {
		return "spring.cloud.gateway.server.webflux.routes";
	}

	@Override
	protected boolean matches(AssertableReactiveWebApplicationContext context, String path,
			@Nullable ProviderJwtAuthenticationToken authentication) {
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
