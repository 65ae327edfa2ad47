package io.github.jwtstarter.jwt;

/**
 * {@link MultiTenantHttpTests} on the servlet stack (Tomcat).
 */
class ServletMultiTenantHttpTests extends MultiTenantHttpTests {

}
