package io.github.jwtstarter.sample;

/**
 * {@link ObservabilityEndToEndTests} against the servlet sample (Spring MVC on Tomcat).
 */
class ServletObservabilityEndToEndTests extends ObservabilityEndToEndTests {

}
