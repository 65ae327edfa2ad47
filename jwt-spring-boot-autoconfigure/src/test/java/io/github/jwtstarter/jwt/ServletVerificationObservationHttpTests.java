package io.github.jwtstarter.jwt;

/**
 * {@link VerificationObservationHttpTests} on the servlet stack (Tomcat).
 */
class ServletVerificationObservationHttpTests extends VerificationObservationHttpTests {

}
