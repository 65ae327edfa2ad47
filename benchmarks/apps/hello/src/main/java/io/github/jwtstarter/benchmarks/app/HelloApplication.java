package io.github.jwtstarter.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The HTTP benchmark's application. What protects {@code GET /hello} depends only on the
 * build's classpath and its {@code application.properties}: nothing, stock Spring Boot's
 * resource server, or the starter.
 */
@SpringBootApplication
public class HelloApplication {

	public static void main(String[] args) {
		SpringApplication.run(HelloApplication.class, args);
	}

}
