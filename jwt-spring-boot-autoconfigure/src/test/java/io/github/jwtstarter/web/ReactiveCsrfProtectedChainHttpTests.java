package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link CsrfProtectedChainHttpTests} on WebFlux on Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveCsrfProtectedChainHttpTests extends CsrfProtectedChainHttpTests {

}
