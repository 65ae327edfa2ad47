package io.github.jwtstarter.sample;

/**
 * {@link AuditEventsEndToEndTests} against the servlet sample (Spring MVC on Tomcat).
 */
class ServletAuditEventsEndToEndTests extends AuditEventsEndToEndTests {

}
