package io.github.jwtstarter.sample.canary;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet sample's {@link CanaryRoutingEndToEndTests} against the reactive sample
 * (WebFlux on Netty, WebFlux.fn predicates), with the same configuration.
 */
@SpringBootTest(classes = ReactiveSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Spring MVC is on the test class path for the authorization server of
		// ReactiveIdentityProvidersEndToEndTests
		properties = "spring.main.web-application-type=reactive")
class ReactiveCanaryRoutingEndToEndTests extends CanaryRoutingEndToEndTests {

}
