package io.github.jwtstarter.actuate;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link KeysReadinessTimeoutHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveKeysReadinessTimeoutHttpTests extends KeysReadinessTimeoutHttpTests {

}
