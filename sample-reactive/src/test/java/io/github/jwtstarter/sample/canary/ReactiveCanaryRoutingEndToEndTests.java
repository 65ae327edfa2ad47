package io.github.jwtstarter.sample.canary;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet sample's {@link CanaryRoutingEndToEndTests} against the reactive sample
 * (WebFlux on Netty, WebFlux.fn predicates), with the same configuration.
 */
@SpringBootTest(classes = ReactiveSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveCanaryRoutingEndToEndTests extends CanaryRoutingEndToEndTests {

}
