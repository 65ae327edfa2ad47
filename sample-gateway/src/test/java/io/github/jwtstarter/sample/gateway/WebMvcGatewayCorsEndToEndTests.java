package io.github.jwtstarter.sample.gateway;

/**
 * {@link GatewayCorsEndToEndTests} against the sample gateway on Spring Cloud Gateway
 * Server Web MVC (Tomcat).
 */
class WebMvcGatewayCorsEndToEndTests extends GatewayCorsEndToEndTests {

}
