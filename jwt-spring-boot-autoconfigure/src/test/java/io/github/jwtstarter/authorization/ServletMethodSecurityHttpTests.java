package io.github.jwtstarter.authorization;

/**
 * {@link MethodSecurityHttpTests} on the servlet stack (Tomcat).
 */
class ServletMethodSecurityHttpTests extends MethodSecurityHttpTests {

}
