package io.github.jwtstarter.sample;

import io.github.jwtstarter.sample.demo.DemoModeInitializer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Sample application: a pets API whose requests are authenticated by
 * jwt-spring-boot-starter from {@code application.yml} alone.
 * <p>
 * Started from {@link #main}, it runs in demo mode unless a provider issuer is configured
 * or {@code demo.enabled=false} (see {@link DemoModeInitializer}).
 */
@SpringBootApplication
@EnableMethodSecurity
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addInitializers(new DemoModeInitializer());
		application.run(args);
	}

}
