package io.github.jwtstarter.authorization;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link RbacHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveRbacHttpTests extends RbacHttpTests {

}
