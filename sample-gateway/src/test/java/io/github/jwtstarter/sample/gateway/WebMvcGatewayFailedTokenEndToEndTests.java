package io.github.jwtstarter.sample.gateway;

/**
 * {@link GatewayFailedTokenEndToEndTests} against the sample gateway on Spring Cloud
 * Gateway Server Web MVC (Tomcat).
 */
class WebMvcGatewayFailedTokenEndToEndTests extends GatewayFailedTokenEndToEndTests {

}
