package io.github.jwtstarter.actuate;

/**
 * {@link KeysReadinessHttpTests} on the servlet stack (Tomcat).
 */
class ServletKeysReadinessHttpTests extends KeysReadinessHttpTests {

}
