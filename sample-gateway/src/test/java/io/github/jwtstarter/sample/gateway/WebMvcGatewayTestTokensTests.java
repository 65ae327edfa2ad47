package io.github.jwtstarter.sample.gateway;

/**
 * {@link GatewayTestTokensTests} on Spring Cloud Gateway Server Web MVC (Tomcat).
 */
class WebMvcGatewayTestTokensTests extends GatewayTestTokensTests {

}
