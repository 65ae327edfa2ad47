package io.github.jwtstarter.authorization;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link RbacHttpTests} on WebFlux on Netty, in an application with an operator area
 * {@code /admin/**} of its own ({@code test.own-chain=admin}, see
 * {@code OwnChainsAutoConfiguration}): every other request still goes through the
 * starter's chain, unchanged.
 */
@TestPropertySource(properties = { "test.own-chain=admin", "spring.main.web-application-type=reactive" })
class ReactiveAdminChainRbacHttpTests extends RbacHttpTests {

}
