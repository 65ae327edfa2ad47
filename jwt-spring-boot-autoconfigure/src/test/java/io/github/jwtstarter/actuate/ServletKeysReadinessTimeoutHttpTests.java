package io.github.jwtstarter.actuate;

/**
 * {@link KeysReadinessTimeoutHttpTests} on the servlet stack (Tomcat).
 */
class ServletKeysReadinessTimeoutHttpTests extends KeysReadinessTimeoutHttpTests {

}
