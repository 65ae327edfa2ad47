package io.github.jwtstarter.web;

/**
 * {@link CorsHttpTests} on Spring MVC on Tomcat, through the starter's own chain.
 */
class ServletCorsHttpTests extends CorsHttpTests {

}
