package io.github.jwtstarter.matrix;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The gateway application of the gateway runners: the gateway of the class path and the
 * starter, all auto-configured, with the routes the runner gives it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class GatewayApplication {

}
