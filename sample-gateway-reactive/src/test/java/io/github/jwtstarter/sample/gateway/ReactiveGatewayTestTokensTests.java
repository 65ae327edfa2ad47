package io.github.jwtstarter.sample.gateway;

import io.github.jwtstarter.sample.gateway.reactive.ReactiveGatewaySampleApplication;
import io.github.jwtstarter.test.autoconfigure.AutoConfigureJwtTestTokens;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link GatewayTestTokensTests} on Spring Cloud Gateway Server WebFlux (Netty): the test
 * module's tokens through the WebFlux sample gateway to the same real upstreams.
 */
@SpringBootTest(classes = ReactiveGatewaySampleApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@AutoConfigureJwtTestTokens
class ReactiveGatewayTestTokensTests extends GatewayTestTokensTests {

}
