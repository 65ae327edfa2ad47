package io.github.jwtstarter.sample.gateway;

import io.github.jwtstarter.sample.gateway.reactive.ReactiveGatewaySampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link GatewayEndToEndTests} against the same routes on Spring Cloud Gateway Server
 * WebFlux (Netty), with the same real upstreams on loopback.
 */
@SpringBootTest(classes = ReactiveGatewaySampleApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveGatewayEndToEndTests extends GatewayEndToEndTests {

}
