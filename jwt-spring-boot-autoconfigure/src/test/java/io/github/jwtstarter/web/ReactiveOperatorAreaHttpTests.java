package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link OperatorAreaHttpTests} on WebFlux on Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveOperatorAreaHttpTests extends OperatorAreaHttpTests {

}
