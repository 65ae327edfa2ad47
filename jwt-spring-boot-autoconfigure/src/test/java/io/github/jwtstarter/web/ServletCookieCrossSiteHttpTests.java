package io.github.jwtstarter.web;

/**
 * {@link CookieCrossSiteHttpTests} on the servlet stack (Spring MVC on Tomcat).
 */
class ServletCookieCrossSiteHttpTests extends CookieCrossSiteHttpTests {

}
