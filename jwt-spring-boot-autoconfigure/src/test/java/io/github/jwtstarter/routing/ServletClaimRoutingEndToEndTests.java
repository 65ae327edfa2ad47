package io.github.jwtstarter.routing;

/**
 * {@link ClaimRoutingEndToEndTests} on the servlet stack (Tomcat).
 */
class ServletClaimRoutingEndToEndTests extends ClaimRoutingEndToEndTests {

}
