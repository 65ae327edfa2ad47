package io.github.jwtstarter.web;

/**
 * {@link JwtRoutesHttpTests} on the servlet stack (Tomcat).
 */
class ServletJwtRoutesHttpTests extends JwtRoutesHttpTests {

}
