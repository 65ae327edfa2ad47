package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link DPoPHttpTests} (DPoP-bound tokens) on WebFlux on Netty, through a security chain
 * of the application's own that brings the starter in with its configurer
 * ({@code test.own-chain=configurer}, see {@code OwnChainsAutoConfiguration}).
 */
@TestPropertySource(properties = { "test.own-chain=configurer", "spring.main.web-application-type=reactive" })
class ReactiveConfigurerChainDPoPHttpTests extends DPoPHttpTests {

}
