package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link JwtRoutesHttpTests} (the routes, validation policies, token sources and problem
 * bodies) on Spring MVC on Tomcat, through a security chain of the application's own that
 * brings the starter in with its configurer ({@code test.own-chain=configurer}, see
 * {@code OwnChainsAutoConfiguration}).
 */
@TestPropertySource(properties = "test.own-chain=configurer")
class ServletConfigurerChainJwtRoutesHttpTests extends JwtRoutesHttpTests {

}
