package io.github.jwtstarter.sample.gateway;

/**
 * {@link UpstreamDownTests} against the sample gateway on Spring Cloud Gateway Server Web
 * MVC (Tomcat).
 */
class WebMvcUpstreamDownTests extends UpstreamDownTests {

}
