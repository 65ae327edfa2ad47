package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link CorsHttpTests} on WebFlux on Netty, through the starter's own chain.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveCorsHttpTests extends CorsHttpTests {

}
