package io.github.jwtstarter.sample;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet sample's {@link ObservabilityEndToEndTests} against the reactive sample
 * (WebFlux on Netty), with the same configuration.
 */
@SpringBootTest(classes = ReactiveSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Spring MVC is on the test class path for the authorization server of
		// ReactiveIdentityProvidersEndToEndTests
		properties = "spring.main.web-application-type=reactive")
class ReactiveObservabilityEndToEndTests extends ObservabilityEndToEndTests {

}
