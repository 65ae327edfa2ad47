package io.github.jwtstarter.authorization;

/**
 * {@link RequireRbacHttpTests} on the servlet stack (Tomcat).
 */
class ServletRequireRbacHttpTests extends RequireRbacHttpTests {

}
