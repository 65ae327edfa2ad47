package io.github.jwtstarter.sample.gateway;

import io.github.jwtstarter.sample.gateway.reactive.ReactiveGatewaySampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link GatewayCorsEndToEndTests} on Spring Cloud Gateway Server WebFlux (Netty), with
 * the gateway's own {@code globalcors} properties: the starter hands them to Spring
 * Security, which answers preflights before any route is chosen (the sample's routes need
 * a token, so the gateway itself would never see a preflight match one).
 */
@SpringBootTest(classes = ReactiveGatewaySampleApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-origins="
						+ GatewayCorsEndToEndTests.SPA,
				"spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-methods=GET,POST",
				"spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-headers="
						+ "Authorization,Content-Type" })
class ReactiveGatewayCorsEndToEndTests extends GatewayCorsEndToEndTests {

}
