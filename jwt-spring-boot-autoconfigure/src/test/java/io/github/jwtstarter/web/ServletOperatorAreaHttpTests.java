package io.github.jwtstarter.web;

/**
 * {@link OperatorAreaHttpTests} on Spring MVC on Tomcat.
 */
class ServletOperatorAreaHttpTests extends OperatorAreaHttpTests {

}
