package io.github.jwtstarter.sample;

/**
 * {@link MultiIssuerEndToEndTests} against the servlet sample (Spring MVC on Tomcat).
 */
class ServletMultiIssuerEndToEndTests extends MultiIssuerEndToEndTests {

}
