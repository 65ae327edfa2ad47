package io.github.jwtstarter.sample.gateway;

import io.github.jwtstarter.sample.gateway.reactive.ReactiveGatewaySampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link GatewayCorsEndToEndTests} on Spring Cloud Gateway Server WebFlux (Netty).
 */
@SpringBootTest(classes = ReactiveGatewaySampleApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveGatewayCorsEndToEndTests extends GatewayCorsEndToEndTests {

}
