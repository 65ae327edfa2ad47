package io.github.jwtstarter.routing;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link FailedTokenHttpTests} on WebFlux on Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveFailedTokenHttpTests extends FailedTokenHttpTests {

}
