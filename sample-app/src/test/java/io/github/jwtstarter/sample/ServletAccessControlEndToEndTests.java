package io.github.jwtstarter.sample;

/**
 * {@link AccessControlEndToEndTests} against the servlet sample (Spring MVC on Tomcat).
 */
class ServletAccessControlEndToEndTests extends AccessControlEndToEndTests {

}
