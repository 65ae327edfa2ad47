package io.github.jwtstarter.web;

/**
 * {@link DPoPHttpTests} on the servlet stack (Spring MVC on Tomcat).
 */
class ServletDPoPHttpTests extends DPoPHttpTests {

}
