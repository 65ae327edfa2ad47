package io.github.jwtstarter.authorization;

import io.github.jwtstarter.authorization.reactive.RbacReactiveAuthorizationManager;
import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;
import io.github.jwtstarter.test.CorpAndKube;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.jwtstarter.test.CorpAndKube.CORP_KEY;
import static io.github.jwtstarter.test.CorpAndKube.KUBE_KEY;
import static io.github.jwtstarter.test.TestHttp.assertForbiddenBy;
import static io.github.jwtstarter.test.TestHttp.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RBAC manager beans as README lists them, and the application's own request
 * authorization manager beans, over real HTTP: the RBAC manager is injectable by its
 * class into the application's beans, and an application's
 * {@code AuthorizationManager<RequestAuthorizationContext>} (servlet) or
 * {@code ReactiveAuthorizationManager<AuthorizationContext>} (WebFlux) bean is applied in
 * the starter's chain after {@code jwt.rbac}, never instead of it.
 * <p>
 * Written once for both web stacks: {@code ServletApplicationAuthorizationHttpTests} and
 * {@code ReactiveApplicationAuthorizationHttpTests} run these scenarios.
 */
@SpringBootTest(classes = { ClaimsTestApplication.class, ApplicationAuthorizationHttpTests.ApplicationRules.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApplicationAuthorizationHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		CorpAndKube.register(registry);
		registry.add("jwt.rbac.policies.corp-everywhere.principals[0].provider", () -> "corp");
	}

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	static String corp() {
		return TestJwts.issuer("https://corp.example").subject("alice").signWith(CORP_KEY);
	}

	static String kube() {
		return TestJwts.issuer("kubernetes/serviceaccount").subject("svc-a").signWith(KUBE_KEY);
	}

	/**
	 * Returns the RBAC manager bean of this stack, found by the class README names.
	 * @return the bean
	 */
	abstract Object rbacManager();

	@Test
	void rbacManagerIsInjectedByItsClassIntoTheApplicationsBeans() {
		assertThat(this.context.getBean(InjectedRbacManager.class).manager()).isSameAs(rbacManager());
	}

	@Test
	void applicationManagerDecidesAfterRbacGranted() {
		assertOk(this.http.get("/orders/1", corp()));
		assertForbiddenBy(this.http.send("DELETE", "/orders/1", corp()), "the application");
	}

	@Test
	void rbacDecidesFirstAndTheApplicationManagerDoesNotReplaceIt() {
		assertForbiddenBy(this.http.get("/orders/1", kube()), "jwt.rbac");
		assertForbiddenBy(this.http.send("DELETE", "/orders/1", kube()), "jwt.rbac");
	}

	/**
	 * What an application that uses the RBAC manager in its own beans declares.
	 *
	 * @param manager the RBAC manager, injected by its class
	 */
	record InjectedRbacManager(Object manager) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationRules {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.SERVLET)
		static class ServletRules {

			@Bean
			InjectedRbacManager injectedRbacManager(RbacAuthorizationManager manager) {
				return new InjectedRbacManager(manager);
			}

			@Bean
			AuthorizationManager<RequestAuthorizationContext> noDeletes() {
				return (authentication,
						context) -> new AuthorizationDecision(!"DELETE".equals(context.getRequest().getMethod()));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		static class ReactiveRules {

			@Bean
			InjectedRbacManager injectedRbacManager(RbacReactiveAuthorizationManager manager) {
				return new InjectedRbacManager(manager);
			}

			@Bean
			ReactiveAuthorizationManager<AuthorizationContext> noDeletes() {
				return (authentication, context) -> Mono.just(new AuthorizationDecision(
						!"DELETE".equals(context.getExchange().getRequest().getMethod().name())));
			}

		}

	}

}
