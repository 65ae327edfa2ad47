package io.github.jwtstarter.web;

/**
 * {@link CsrfProtectedChainHttpTests} on Spring MVC on Tomcat.
 */
class ServletCsrfProtectedChainHttpTests extends CsrfProtectedChainHttpTests {

}
