package io.github.jwtstarter.sample.gateway;

import io.github.jwtstarter.sample.gateway.demo.DemoModeInitializer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud Gateway (Server Web MVC) in front of three upstream services: the
 * starter verifies tokens at the edge, routes {@code /greeting} to a canary or a primary
 * deployment by the {@code org} claim, and enforces RBAC for {@code /api/pets}. Started
 * with {@code ./mvnw -pl sample-gateway -am spring-boot:run}: demo mode starts the
 * upstreams and an identity provider and prints curl commands.
 */
@SpringBootApplication
public class GatewaySampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(GatewaySampleApplication.class);
		application.addInitializers(new DemoModeInitializer());
		application.run(args);
	}

}
