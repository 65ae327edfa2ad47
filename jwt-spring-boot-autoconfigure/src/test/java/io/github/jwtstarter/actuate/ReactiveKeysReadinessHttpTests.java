package io.github.jwtstarter.actuate;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link KeysReadinessHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveKeysReadinessHttpTests extends KeysReadinessHttpTests {

}
