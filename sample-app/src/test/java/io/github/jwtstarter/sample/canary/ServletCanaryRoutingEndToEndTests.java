package io.github.jwtstarter.sample.canary;

/**
 * {@link CanaryRoutingEndToEndTests} against the servlet sample (Spring MVC on Tomcat).
 */
class ServletCanaryRoutingEndToEndTests extends CanaryRoutingEndToEndTests {

}
