package io.github.jwtstarter.sample.gateway;

/**
 * {@link GatewayEndToEndTests} against the sample gateway on Spring Cloud Gateway Server
 * Web MVC (Tomcat).
 */
class WebMvcGatewayEndToEndTests extends GatewayEndToEndTests {

}
