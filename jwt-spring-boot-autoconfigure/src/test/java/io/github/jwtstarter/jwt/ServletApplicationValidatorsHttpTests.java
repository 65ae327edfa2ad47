package io.github.jwtstarter.jwt;

/**
 * {@link ApplicationValidatorsHttpTests} on the servlet stack (Tomcat).
 */
class ServletApplicationValidatorsHttpTests extends ApplicationValidatorsHttpTests {

}
