package io.github.jwtstarter.sample.gateway;

/**
 * {@link MultiTenantGatewayEndToEndTests} against the sample gateway on Spring Cloud
 * Gateway Server Web MVC (Tomcat).
 */
class WebMvcMultiTenantGatewayEndToEndTests extends MultiTenantGatewayEndToEndTests {

}
