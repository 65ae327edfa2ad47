package io.github.jwtstarter.shaping;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ForwardPayloadHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveForwardPayloadHttpTests extends ForwardPayloadHttpTests {

}
