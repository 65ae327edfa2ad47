package io.github.jwtstarter.shaping;

/**
 * {@link ForwardPayloadHttpTests} on the servlet stack (Tomcat).
 */
class ServletForwardPayloadHttpTests extends ForwardPayloadHttpTests {

}
