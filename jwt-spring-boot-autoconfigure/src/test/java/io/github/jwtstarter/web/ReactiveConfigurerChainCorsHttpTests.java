package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link CorsHttpTests} on WebFlux on Netty, through a chain of the application's own
 * that includes the starter by its configurer.
 */
@TestPropertySource(properties = { "test.own-chain=configurer", "spring.main.web-application-type=reactive" })
class ReactiveConfigurerChainCorsHttpTests extends CorsHttpTests {

}
