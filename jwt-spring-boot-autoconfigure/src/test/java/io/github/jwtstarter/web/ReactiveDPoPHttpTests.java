package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link DPoPHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveDPoPHttpTests extends DPoPHttpTests {

}
