package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link CorsHttpTests} on Spring MVC on Tomcat, through a chain of the application's own
 * that includes the starter by its configurer.
 */
@TestPropertySource(properties = "test.own-chain=configurer")
class ServletConfigurerChainCorsHttpTests extends CorsHttpTests {

}
