package io.github.jwtstarter.web;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link DPoPHttpTests} (DPoP-bound tokens) on Spring MVC on Tomcat, through a security
 * chain of the application's own that brings the starter in with its configurer
 * ({@code test.own-chain=configurer}, see {@code OwnChainsAutoConfiguration}).
 */
@TestPropertySource(properties = "test.own-chain=configurer")
class ServletConfigurerChainDPoPHttpTests extends DPoPHttpTests {

}
