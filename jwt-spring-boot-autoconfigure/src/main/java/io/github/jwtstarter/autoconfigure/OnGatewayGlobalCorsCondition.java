package io.github.jwtstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Matches when Spring Cloud Gateway Server WebFlux has {@code globalcors} settings
 * ({@code spring.cloud.gateway.server.webflux.globalcors.cors-configurations}), bound as
 * the gateway binds them.
 */
class OnGatewayGlobalCorsCondition extends SpringBootCondition {

	static final String PROPERTY = "spring.cloud.gateway.server.webflux.globalcors.cors-configurations";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return configurations(context.getEnvironment()).isEmpty() ? ConditionOutcome.noMatch("no " + PROPERTY)
				: ConditionOutcome.match(PROPERTY + " set");
	}

	/**
	 * Returns the gateway's CORS configurations by path pattern.
	 * @param environment the environment
	 * @return the configurations, empty when none is set
	 */
	static Map<String, CorsConfiguration> configurations(Environment environment) {
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, CorsConfiguration.class))
			.orElse(Map.of());
	}

}
