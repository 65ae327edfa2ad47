package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link JwtRoutesHttpTests} (the routes, validation policies, token sources and problem
 * bodies) on WebFlux on Netty, through a security chain of the application's own that
 * brings the starter in with its configurer ({@code test.own-chain=configurer}, see
 * {@code OwnChainsAutoConfiguration}).
 */
@TestPropertySource(properties = { "test.own-chain=configurer", "spring.main.web-application-type=reactive" })
class ReactiveConfigurerChainJwtRoutesHttpTests extends JwtRoutesHttpTests {

}
