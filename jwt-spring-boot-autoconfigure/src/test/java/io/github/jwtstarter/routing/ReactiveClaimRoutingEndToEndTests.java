package io.github.jwtstarter.routing;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ClaimRoutingEndToEndTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveClaimRoutingEndToEndTests extends ClaimRoutingEndToEndTests {

}
