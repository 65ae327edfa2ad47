package io.github.jwtstarter.sample.gateway.reactive;

import io.github.jwtstarter.sample.gateway.demo.DemoModeInitializer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample gateway on Spring Cloud Gateway Server WebFlux (Netty): the same routes,
 * {@code jwt.*} configuration and demo mode as the Web MVC sample gateway, with the
 * routes under {@code spring.cloud.gateway.server.webflux.routes}.
 */
@SpringBootApplication
public class ReactiveGatewaySampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ReactiveGatewaySampleApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.addInitializers(new DemoModeInitializer());
		application.run(args);
	}

}
