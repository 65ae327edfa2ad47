package io.github.jwtstarter.sample.reactive;

import io.github.jwtstarter.sample.demo.DemoModeInitializer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reactive sample: the same pets API, the same {@code application.yml} and the same
 * demo mode as {@code sample-app} (both from {@code sample-common}), on WebFlux and
 * Netty. Nothing in the configuration says which stack it runs on; the starter configures
 * a {@code SecurityWebFilterChain} instead of a {@code SecurityFilterChain}, and reactive
 * method security.
 */
@SpringBootApplication
public class ReactiveSampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ReactiveSampleApplication.class);
		// WebFlux, even should a dependency bring the Servlet API onto the class path
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.addInitializers(new DemoModeInitializer());
		application.run(args);
	}

}
