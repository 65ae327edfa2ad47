package io.github.jwtstarter.authorization;

/**
 * {@link RbacHttpTests} on the servlet stack (Tomcat).
 */
class ServletRbacHttpTests extends RbacHttpTests {

}
