package io.github.jwtstarter.authorization;

import io.github.jwtstarter.authorization.reactive.RbacReactiveAuthorizationManager;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ApplicationAuthorizationHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveApplicationAuthorizationHttpTests extends ApplicationAuthorizationHttpTests {

	@Override
	Object rbacManager() {
		return this.context.getBean(RbacReactiveAuthorizationManager.class);
	}

}
