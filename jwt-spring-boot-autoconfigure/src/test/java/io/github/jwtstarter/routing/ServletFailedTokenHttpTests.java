package io.github.jwtstarter.routing;

/**
 * {@link FailedTokenHttpTests} on Spring MVC on Tomcat.
 */
class ServletFailedTokenHttpTests extends FailedTokenHttpTests {

}
