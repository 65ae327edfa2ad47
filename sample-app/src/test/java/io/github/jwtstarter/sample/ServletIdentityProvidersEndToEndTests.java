package io.github.jwtstarter.sample;

/**
 * {@link IdentityProvidersEndToEndTests} against the servlet sample (Spring MVC on
 * Tomcat).
 */
class ServletIdentityProvidersEndToEndTests extends IdentityProvidersEndToEndTests {

}
