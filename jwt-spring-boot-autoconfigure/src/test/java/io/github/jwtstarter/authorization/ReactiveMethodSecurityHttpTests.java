package io.github.jwtstarter.authorization;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link MethodSecurityHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveMethodSecurityHttpTests extends MethodSecurityHttpTests {

}
